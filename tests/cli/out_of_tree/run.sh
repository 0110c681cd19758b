#!/bin/sh
# The plugin-author workflow end to end, against an INSTALLED Vernier only:
#   1. install the build tree into a fresh prefix;
#   2. the installed `vernier plugins` finds the bundled plugins in <prefix>/<libdir>/vernier/plugins
#      with no environment variable;
#   3. build my_sampler.c out of tree with find_package(vernier) (CMAKE_PREFIX_PATH = the prefix only);
#   4. the installed `vernier` tunes with it from VERNIER_PLUGIN_PATH, and `vernier check` passes it;
#   5. the same plugin compiled by hand with `pkg-config --cflags vernier`, and the C example host
#      linked with `pkg-config --libs vernier`, prove the .pc file.
#
# Usage: run.sh BUILD_DIR LIBDIR CMAKE PYTHON C_COMPILER HOST_EXAMPLE_C
set -eu

build_dir=$1 libdir=$2 cmake=$3 python=$4 cc=$5 host_example=$6
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
for f in include/vernier/vernier.h include/vernier/sampler.h "$libdir/pkgconfig/vernier.pc" \
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

step "build my_sampler.c out of tree against the prefix (find_package)"
"$cmake" -S "$here" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
"$cmake" --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
plugin_dir=$work/plugins
mkdir -m 0755 "$plugin_dir"
cp "$work/build/libvernier-my_sampler.so" "$plugin_dir/"

step "the installed vernier tunes with the new sampler found through VERNIER_PLUGIN_PATH"
cat >"$work/study.json" <<'JSON'
{"name": "out-of-tree", "objective": {"function": "branin"},
 "sampler": {"plugin": "my_sampler", "seed": 4}, "trials": 12}
JSON
VERNIER_PLUGIN_PATH=$plugin_dir "$vernier" tune "$work/study.json" --json --storage "$work/a.journal" >"$work/tune.out" \
  || fail "vernier tune"
"$python" - "$work/tune.out" <<'PY' || fail "unexpected tune result"
import json, sys
result = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
assert result["sampler"] == "my_sampler", result
assert result["trials"]["complete"] == 12, result
assert result["best_value"] >= 0.397887, result
PY
VERNIER_PLUGIN_PATH=$plugin_dir "$vernier" tune "$work/study.json" --json --storage "$work/b.journal" >"$work/tune2.out" \
  || fail "vernier tune (again)"
cmp -s "$work/tune.out" "$work/tune2.out" || fail "the same seed gave different results (VN-ABI-8)"

step "vernier check passes the new plugin"
"$vernier" check "$plugin_dir/libvernier-my_sampler.so" || fail "vernier check"

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
