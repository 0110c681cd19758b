#!/bin/sh
# The plugin-author workflow end to end, against an INSTALLED Vernier only:
#   1. install the build tree into a fresh prefix;
#   2. the installed `vernier plugins` finds the bundled plugins in <prefix>/<libdir>/vernier/plugins
#      with no environment variable;
#   3. build my_sampler.c (C, vernier::abi) and my_cpp_sampler.cpp (C++, vernier::plugin_sdk) out of tree with
#      find_package(vernier) (CMAKE_PREFIX_PATH = the prefix only), each twice: through today's include
#      paths and through the deprecated ones an older plugin uses (CMakeLists.txt);
#   4. the installed `vernier` tunes with all four from VERNIER_PLUGIN_PATH (the old-path build of a sampler
#      suggests exactly what the new-path build does), and `vernier check` passes them;
#   5. the same plugin compiled by hand with `pkg-config --cflags vernier`, and the C example host
#      linked with `pkg-config --libs vernier`, prove the .pc file.
#
# Usage: run.sh BUILD_DIR LIBDIR CMAKE PYTHON C_COMPILER HOST_EXAMPLE_C CXX_COMPILER
set -eu

build_dir=$1 libdir=$2 cmake=$3 python=$4 cc=$5 host_example=$6 cxx=$7
here=$(cd "$(dirname "$0")" && pwd)

# 0700 and in the build tree: private, below directories nobody else can change, so plugins installed or
# built in it are trusted (under /tmp, which anyone can write to, they would be refused).
work=$(mktemp -d "$build_dir/out-of-tree.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
prefix=$work/prefix
unset VERNIER_PLUGIN_PATH

fail() { echo "out_of_tree: FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "install into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
vernier=$prefix/bin/vernier
[ -x "$vernier" ] || fail "no executable $vernier after install"
# Each audience's headers, and the deprecated paths forwarding to them (docs/abi.md, "Which header is whose").
for f in include/vernier/vernier.h include/vernier/plugin/sampler.h include/vernier/sampler.h \
         include/vernier/sdk/plugin.hpp include/vernier/plugin_sdk.hpp \
         include/vernier/sdk/unit_cube.hpp include/vernier/sdk/space.hpp "$libdir/pkgconfig/vernier.pc" \
         "$libdir/cmake/vernier/vernier-config.cmake" "$libdir/cmake/vernier/plugin-exports.map"; do
  [ -e "$prefix/$f" ] || fail "the install lacks $f"
done

step "installed vernier plugins --json finds the bundled plugins in $prefix/$libdir/vernier/plugins"
"$vernier" plugins --json >"$work/plugins.json" || fail "vernier plugins --json"
"$python" - "$work/plugins.json" "$prefix/$libdir/vernier/plugins" <<'PY' || fail "bundled plugins not found in the install"
import json, os, sys
report = json.load(open(sys.argv[1]))
plugin_dir = os.path.realpath(sys.argv[2])
found = {p["name"]: os.path.realpath(p["path"]) for p in report["plugins"]}
for name in ("grid", "random"):
    assert name in found, f"{name} missing from {sorted(found)}; skipped: {report['skipped']}"
    assert os.path.dirname(found[name]) == plugin_dir, f"{name} loaded from {found[name]}, not {plugin_dir}"
PY

samplers="my_sampler my_sampler_old my_cpp_sampler my_cpp_sampler_old"
step "build $samplers out of tree against the prefix (find_package)"
# HOST_LDFLAGS (see below) also links the C++ plugins, which embed the installed SDK: a sanitized SDK needs
# the sanitizer runtime.
"$cmake" -S "$here" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_MODULE_LINKER_FLAGS="${HOST_LDFLAGS:-}" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
"$cmake" --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
plugin_dir=$work/plugins
mkdir -m 0755 "$plugin_dir"
for s in $samplers; do cp "$work/build/libvernier-$s.so" "$plugin_dir/"; done

# tune NAME OUT [JOURNAL]: a 12-trial study on branin with sampler NAME, its last line of JSON in OUT.
tune() {
  sed "s/@SAMPLER@/$1/" >"$work/$1.json" <<'JSON'
{"name": "out-of-tree", "objective": {"function": "branin"},
 "sampler": {"plugin": "@SAMPLER@", "seed": 4}, "trials": 12}
JSON
  VERNIER_PLUGIN_PATH=$plugin_dir "$vernier" tune "$work/$1.json" --json --storage "$work/${3:-$1}.journal" >"$work/$2" \
    || fail "vernier tune with $1"
}

for s in $samplers; do
  step "the installed vernier tunes with $s, found through VERNIER_PLUGIN_PATH"
  tune "$s" "$s.out"
  "$python" - "$work/$s.out" "$s" <<'PY' || fail "unexpected tune result with $s"
import json, sys
result = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
assert result["sampler"] == sys.argv[2], result
assert result["trials"]["complete"] == 12, result
assert result["best_value"] >= 0.397887, result
PY
  step "vernier check passes $s"
  "$vernier" check "$plugin_dir/libvernier-$s.so" >"$work/check-$s.log" || { cat "$work/check-$s.log"; fail "vernier check $s"; }
done

tune my_sampler again.out my_sampler-again
cmp -s "$work/my_sampler.out" "$work/again.out" || fail "the same seed gave different results (VN-ABI-8)"

step "built through the deprecated include paths, each sampler suggests what it does through today's"
for s in my_sampler my_cpp_sampler; do
  "$python" - "$work/$s.out" "$work/${s}_old.out" <<'PY' || fail "$s: the old-path build tuned differently"
import json, sys
new, old = (json.loads(open(p).read().strip().splitlines()[-1]) for p in sys.argv[1:])
for result in (new, old):
    del result["sampler"]
    result.pop("storage", None)
assert new == old, (new, old)
PY
done

step "pkg-config: compile the plugin and link the C example host by hand"
PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
export PKG_CONFIG_PATH
pc_prefix=$(pkg-config --variable=prefix vernier) || fail "pkg-config finds no vernier.pc in $PKG_CONFIG_PATH"
[ "$(cd "$pc_prefix" 2>/dev/null && pwd -P)" = "$(cd "$prefix" && pwd -P)" ] || fail "vernier.pc says prefix=$pc_prefix, not the prefix it was installed to ($prefix); \
an install made with 'cmake --install --prefix' needs a relocatable .pc (prefix=\${pcfiledir}/../..)"
cflags=$(pkg-config --cflags vernier) || fail "pkg-config --cflags vernier"
libs=$(pkg-config --libs vernier) || fail "pkg-config --libs vernier"
mkdir -m 0755 "$work/pc-plugins"
# shellcheck disable=SC2086  # the flags are words
"$cc" -std=c99 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden $cflags "$here/my_sampler.c" \
  -Wl,--version-script="$prefix/$libdir/cmake/vernier/plugin-exports.map" -Wl,--no-undefined -lm \
  -o "$work/pc-plugins/libvernier-my_sampler.so" || fail "cc with pkg-config --cflags"
"$vernier" check "$work/pc-plugins/libvernier-my_sampler.so" >"$work/check.log" || { cat "$work/check.log"; fail "vernier check (pkg-config build)"; }
# shellcheck disable=SC2086
# HOST_LDFLAGS: extra link flags for the host, e.g. the sanitizer runtime when libvernier was built
# with sanitizers (a program linking an ASan library must link the ASan runtime first).
"$cc" -std=c99 -Wall -Wextra -Werror $cflags "$host_example" -o "$work/example_study" $libs ${HOST_LDFLAGS:-} \
  -Wl,-rpath,"$prefix/$libdir" || fail "cc with pkg-config --libs"
"$work/example_study" >"$work/example.log" || { cat "$work/example.log"; fail "the C host linked against the install"; }

echo "out_of_tree: all steps passed"
