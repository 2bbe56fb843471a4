"""How a command runs, between the command line (pipeline.py) and the stages it drives
(crawler/, nlp/, storage/): the run's lifecycle, signals, summary and exit codes (runs.py),
its logging and progress bars (logs.py), and the stages as a run records them (stages.py).

Its own package because it belongs to no stage: storage keeps the `runs` rows and the lock,
this decides when a run starts, stops and what it exits with."""
