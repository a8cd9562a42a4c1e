from routewise.cli import main

main()
