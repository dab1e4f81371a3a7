# The front door: see README.md.
.PHONY: run test bench build format clean

run:        ## install what is missing, build, serve on http://127.0.0.1:8080 with SQLite in ./data
	@scripts/run

test:       ## install what is missing, build, run every test on SQLite and PostgreSQL
	@scripts/test

bench:      ## run the benchmarks and write bench/README.md
	@bench/run

build:      ## build the debug binary and the tests (build/dev)
	@scripts/install-deps build test
	@cmake --preset dev >/dev/null && cmake --build --preset dev

format:     ## format the C++ sources
	@scripts/format

clean:
	rm -rf build
