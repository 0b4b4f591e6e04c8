#!/usr/bin/env bash
# Builds the two things operators install, from what `mvn package` made in bbr/target and dist/target:
#   bbr-VERSION-linux-amd64.tar.gz   bbr-VERSION/{bin/bbr, lib/bbr.jar, lib/bbr-thin.jar, lib/bbr.jsa, runtime/}
#   bbr_VERSION_amd64.deb            the same tree as /usr/lib/bbr, /usr/bin/bbr, bash completion, man pages
# Called by dist/pom.xml in the package phase: package.sh VERSION REPO_ROOT TARGET_DIR
set -euo pipefail
version=$1 repo=$2 target=$3
name="bbr-$version"
stage="$target/stage"
tree="$stage/$name"
rm -rf "$stage" && mkdir -p "$tree/bin" "$tree/lib"
cp -p "$repo/bin/bbr" "$tree/bin/bbr"
cp -p "$repo/bbr/target/bbr.jar" "$repo/bbr/target/bbr-thin.jar" "$tree/lib/"
# zstd-jni brings its native library for 19 platforms; the packages are linux-amd64's and keep that one only: 6.5 MB
# less in each (66.4 -> 59.9 MB with the AWS SDK in the jar, within the 60 MiB budget).
python3 - "$tree/lib/bbr.jar" <<'PY'
import os, sys, zipfile
jar = sys.argv[1]
def other_platform(name):
    return name.endswith((".so", ".dll", ".dylib")) and not name.startswith(("linux/amd64/", "META-INF/native/"))
with zipfile.ZipFile(jar) as old, zipfile.ZipFile(jar + ".new", "w") as new:
    for entry in old.infolist():
        if not other_platform(entry.filename):
            new.writestr(entry, old.read(entry.filename))
os.replace(jar + ".new", jar)
PY

# The runtime holds the JDK modules bbr's jar uses, as jdeps reads them from its classes (so a new dependency brings
# its modules along), plus the ones loaded by name at run time, which no class refers to: the EC provider (ECDH and
# ECDSA host keys and key exchange) and the DNS name service.
modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$tree/lib/bbr.jar")
# Uncompressed inside (the package's gzip shrinks it about as much, and classes load without inflating), and with
# the JDK's own class archive made for this runtime: one, for the default compressed pointers (jlink's
# --generate-cds-archive also makes a second one, 13 MB, for heaps over 32 GB).
jlink --add-modules "$modules,jdk.crypto.ec,jdk.naming.dns" --strip-debug --no-man-pages --no-header-files \
  --compress=0 --output "$tree/runtime"
"$tree/runtime/bin/java" -Xshare:dump -Xlog:cds=off -Xlog:cds+map=off >/dev/null

# The class archive, made now with the package's own runtime (see bin/bbr for why the jar is /proc/self/fd/9).
(cd "$stage" && env -u BOSH_ALL_PROXY timeout 120 "$tree/runtime/bin/java" -XX:+UseSerialGC -Xss1m -XX:-UsePerfData \
  -XX:ArchiveClassesAtExit="$tree/lib/bbr.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp /proc/self/fd/9 \
  bbr.cli.ClassDataTraining 9<"$tree/lib/bbr.jar" >/dev/null)
test -s "$tree/lib/bbr.jsa"

tar -C "$stage" --owner=0 --group=0 -czf "$target/$name-linux-amd64.tar.gz" "$name"

deb="$stage/deb"
mkdir -p "$deb/DEBIAN" "$deb/usr/lib" "$deb/usr/bin" "$deb/usr/share/bash-completion/completions" \
  "$deb/usr/share/man/man1"
cp -a "$tree" "$deb/usr/lib/bbr"
ln -s ../lib/bbr/bin/bbr "$deb/usr/bin/bbr"
cp "$target/generated/bbr.bash" "$deb/usr/share/bash-completion/completions/bbr"
for page in "$target"/generated/man1/*.1; do
  gzip -9n < "$page" > "$deb/usr/share/man/man1/${page##*/}.gz"
done
size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$repo/dist/src/deb/control" > "$deb/DEBIAN/control"
chmod -R u=rwX,go=rX "$deb"
dpkg-deb --root-owner-group -Zgzip --build "$deb" "$target/bbr_${version}_amd64.deb" >/dev/null
rm -rf "$stage"
