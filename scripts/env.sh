# Sourced by the other scripts: the PATH and environment every build and test step shares.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must not download tools or check for updates: only the package registries are reachable.
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

# LEAD'S TEMPORARY LOCAL CHANGE (parallel worktrees; do not commit, do not revert): the CLI tests
# find `hallway` next to their test binary, so in the shared target dir another worktree's build
# can replace your binary mid-test. hallway-cli tests therefore build in this worktree's own
# target dir (first run compiles the native deps once).
cargo() {
  case " $* " in
    *" test "*hallway-cli*|*" test "*--workspace*) CARGO_TARGET_DIR="$ROOT/target" command cargo "$@" ;;
    *) command cargo "$@" ;;
  esac
}
