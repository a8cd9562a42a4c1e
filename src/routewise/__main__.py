from routewise.cli.app import main

main()
