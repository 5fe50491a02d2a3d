from graphdir.cli import main

raise SystemExit(main())
