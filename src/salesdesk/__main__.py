from salesdesk.cli.main import main

main()
