#!/usr/bin/env bash
# A short tour of the real `mentor` on a throwaway database.
set -euo pipefail

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
export MENTOR_DB="$workdir/mentor.db"

step() {
    printf '\n\033[1m$ %s\033[0m\n' "$*"
    "$@"
}

expect_failure() {
    printf '\n\033[1m$ %s\033[0m   # a mistake, on purpose\n' "$*"
    if "$@"; then
        echo "demo: expected that command to fail" >&2
        exit 1
    else
        echo "(exit code $?)"
    fi
}

echo "mentor demo: database at $MENTOR_DB"

step mentor person add rui --tz Europe/Lisbon --name "Rui Costa" --skills "python,architecture"
step mentor person add ana --tz America/New_York --name "Ana Lima" --hours "mon-thu 08:00-16:00, fri 08:00-12:00" --note "prefers async first"
step mentor person add ben --tz Asia/Kolkata --name "Ben Thomas" --channels "chat,video"
step mentor person list
step mentor pair add rui ana --focus "growing into a tech lead" --cadence weekly
step mentor pair add rui ben --focus "first open-source contribution" --cadence "every 2 weeks" --channel chat
step mentor pair list
step mentor pair show ana
# When can they meet? Three zones across New York's change to summer time, then the
# weekly slots that survive Europe's change too, then a trio with no shared hour.
step mentor schedule rui/ana --zone "ben-late=Asia/Kolkata 12:00-21:00" --from 2026-03-02 --days 14 --tz UTC
step mentor schedule ana --from 2026-03-16 --days 35 --tz Europe/Lisbon --recurring
step mentor schedule rui/ana ben --from 2026-03-02 --days 2 --tz UTC
expect_failure mentor person add kim --tz IST
expect_failure mentor pair show rui
