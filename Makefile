# Thin verbs over CMake + CTest. `make demo` and `make test` do all set-up on a fresh Debian.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test demo bench fuzz format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo; fi

build: configure
	@cmake --build $(BUILD) -j $(JOBS)
	@scripts/build-web.sh

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh

bench: build
	@scripts/install-deps.sh bench
	@cmake --build $(BUILD) -j $(JOBS) --target benchmarks
	@scripts/bench.sh

fuzz:
	@scripts/install-deps.sh fuzz
	@CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DTEND_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	@cmake --build build-fuzz -j $(JOBS) --target fuzzers
	@scripts/fuzz.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')

clean:
	@rm -rf $(BUILD)
