"""One module per `marsad` subcommand; see :data:`marsad.cli.COMMANDS`."""
