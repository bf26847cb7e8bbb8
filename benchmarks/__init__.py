"""Benchmarks of the desk against its limits; `python -m benchmarks [--quick]`.

Each benchmark measures the real parts (the store file, the sandbox over
loopback, the window offscreen) and returns `Figure`s with their targets.
They are not tests: `--quick` runs them small so CI keeps them working,
without judging the numbers.
"""
