# Thin verbs over CMake + CTest. `make demo` and `make test` do all set-up on a fresh Debian.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test demo bench fuzz asan format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo; fi

build: configure
	@cmake --build $(BUILD) -j $(JOBS)
	@scripts/build-web.sh

test: build
	@scripts/install-deps.sh fuzz
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

# A second build with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/), running the
# unit, text, integration and API tests (not the browser tests, the fuzz smoke, nor the
# hostile-client test, whose latency targets are for the optimised build).
asan: deps
	@if [ ! -f build-asan/build.ninja ]; then cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTEND_SANITIZE=ON; fi
	@cmake --build build-asan -j $(JOBS) --target testables
	@cd build-asan && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) -E 'web_ui|web_unit|conformance|hostile_client'

format:
	@clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')

clean:
	@rm -rf $(BUILD)
