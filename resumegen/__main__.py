from resumegen.cli import main

main()
