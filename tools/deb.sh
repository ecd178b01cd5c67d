#!/bin/sh
# deb.sh: build build/youcheng_VERSION_ARCH.deb from a staged tree (make
# install DESTDIR=... PREFIX=/usr), with maintainer scripts from
# dist/debian/, then check it with lintian. Run by `make deb` after the
# binary and the manual page are built. Needs dpkg-deb, fakeroot, lintian.
set -e
cd "$(dirname "$0")/.."

VERSION=$(./youcheng version | awk '{print $2}')
ARCH=$(dpkg --print-architecture)
STAGE=build/deb/youcheng_${VERSION}_${ARCH}
DEB=build/youcheng_${VERSION}_${ARCH}.deb
# The maintainer and the changelog's date: the last commit's author and time.
MAINT=$(git log -1 --format='%an <%ae>' 2>/dev/null || echo "youcheng maintainers <root@localhost>")
DATE=$(git log -1 --format='%aD' 2>/dev/null || date -R)
export SOURCE_DATE_EPOCH=$(git log -1 --format='%at' 2>/dev/null || date +%s)

rm -rf "$STAGE"
make --no-print-directory install DESTDIR="$PWD/$STAGE" PREFIX=/usr UNITDIR=/lib/systemd/system \
	DOCDIR=/usr/share/doc/youcheng >/dev/null
DOC=$STAGE/usr/share/doc/youcheng

# Debian layout: a stripped binary, compressed manual page and documents,
# the copyright file and a changelog, /etc/default/youcheng as a conffile.
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$STAGE/usr/bin/youcheng"
gzip -9n "$STAGE/usr/share/man/man1/youcheng.1"
mv "$DOC/youcheng.default.example" build/deb/youcheng.default
install -d "$STAGE/etc/default"
install -m 0644 dist/systemd/youcheng.default "$STAGE/etc/default/youcheng"
rm -f build/deb/youcheng.default
for f in "$DOC"/*.md; do gzip -9n "$f"; done
install -m 0644 dist/debian/copyright.in "$DOC/copyright"
cat > "$DOC/changelog" <<CHANGES
youcheng ($VERSION) unstable; urgency=medium

  * Packaged with \`make deb\`: the youcheng binary (every asset embedded),
    youcheng(1), youcheng.service, youcheng-backup.service and
    youcheng-backup.timer; the database in /var/lib/youcheng.

 -- $MAINT  $DATE
CHANGES
gzip -9n "$DOC/changelog"

install -d -m 0755 "$STAGE/DEBIAN"
for s in postinst prerm postrm; do install -m 0755 "dist/debian/$s" "$STAGE/DEBIAN/$s"; done
echo /etc/default/youcheng > "$STAGE/DEBIAN/conffiles"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort | xargs md5sum) > "$STAGE/DEBIAN/md5sums"

# Depends: the packages of the shared libraries the binary links directly
# (its NEEDED entries; theirs are their packages' business).
NEEDED=$(objdump -p "$STAGE/usr/bin/youcheng" | awk '$1 == "NEEDED" {print $2}')
DEPS=$(ldd "$STAGE/usr/bin/youcheng" | awk -v needed="$NEEDED" 'BEGIN {n = split(needed, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1}
	/=>/ && ($1 in want) {print $3}' | while read -r lib; do
	real=$(readlink -f "$lib")
	pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)
	pkg=${pkg%%:*}
	[ -n "$pkg" ] || continue
	ver=$(dpkg-query -W -f='${Version}' "$pkg" | sed 's/-[^-]*$//')
	echo "$pkg (>= $ver)"
done | sort -u | paste -sd, - | sed 's/,/, /g')
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: youcheng
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINT
Installed-Size: $SIZE
Depends: $DEPS, adduser, init-system-helpers (>= 1.54)
Section: web
Priority: optional
Description: sister-city cooperation platform
 youcheng keeps a city's registry of partner-city ties, organisations,
 exchanges, projects and cooperation opportunities in one SQLite database
 and serves it as a bilingual (Chinese and English) web application with a
 JSON API. The package runs it as the sandboxed systemd service
 youcheng.service (database in /var/lib/youcheng) with a daily backup
 timer.
CONTROL

find "$STAGE" -type d -exec chmod 0755 {} +
fakeroot dpkg-deb --build -Zxz "$STAGE" "$DEB" >/dev/null
echo "deb: $DEB ($(du -k "$DEB" | cut -f1) KiB; installed $SIZE KiB)"
if command -v lintian >/dev/null; then
	lintian --fail-on error "$DEB" || { echo "deb: lintian found errors" >&2; exit 1; }
else
	echo "deb: lintian is not installed (make deb installs it)" >&2
	exit 1
fi
