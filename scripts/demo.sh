#!/usr/bin/env bash
# A short tour of the real `mentor` on a throwaway database.
set -euo pipefail

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
export MENTOR_DB="$workdir/mentor.db"
# Settings of its own too: a config of yours (me, default_pair) is neither read nor changed.
export MENTOR_CONFIG="$workdir/config.toml"

# Bold command lines on a terminal only: piped or with NO_COLOR, plain text.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
    bold=$'\033[1m' plain=$'\033[0m'
else
    bold='' plain=''
fi

step() {
    printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
    "$@"
}

expect_failure() {
    printf '\n%s$ %s%s   # a mistake, on purpose\n' "$bold" "$*" "$plain"
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
# The agreement, a goal and a topic; then two sessions, each logged with its notes,
# ratings and follow-ups in one go (without --notes, on a terminal, $EDITOR opens).
last_week="$(python -c 'import datetime; print(datetime.date.today() - datetime.timedelta(days=8))')"
step mentor expect add rui/ana "reply to messages within one working day" --topic response-time
step mentor goal add rui/ana "lead a design review" --detail "one real review, with written notes"
step mentor topic add rui/ana "giving review feedback kindly"
step mentor log rui/ana --when "$last_week 15:00" --minutes 45 --rapport 4 --engagement 4 \
    --notes "Mapped the path to tech lead. Ana wants to run a design review." \
    --action "mentee: pick a design to review due fri"
step mentor log rui/ana --when "yesterday 15:00" --minutes 50 --channel call --rapport 5 --engagement 4 \
    --notes "Walked through the review plan. Video froze, so we switched to a call." \
    --tech-issue "video froze" --covered 1 --goal 1=30 --action "mentor: share the review checklist due tomorrow"
step mentor sessions rui/ana
step mentor action list
step mentor search review
# When can they meet? Three zones across New York's change to summer time, then the
# weekly slots that survive Europe's change too, then a trio with no shared hour.
step mentor schedule rui/ana --zone "ben-late=Asia/Kolkata 12:00-21:00" --from 2026-03-02 --days 14 --tz UTC
step mentor schedule ana --from 2026-03-16 --days 35 --tz Europe/Lisbon --recurring
step mentor schedule rui/ana ben --from 2026-03-02 --days 2 --tz UTC
# Before the next session: the agenda; across every pair: the status screen.
step mentor agenda rui/ana
step mentor status
# A progress summary to share, as Markdown (owner-only file; --force to replace it).
step mentor export rui/ana --format markdown -o "$workdir/summary.md"
step head -n 40 "$workdir/summary.md"
# A complete backup, merged into a second database (importing twice adds nothing).
step mentor export --all -o "$workdir/backup.json"
step mentor --db "$workdir/program.db" import "$workdir/backup.json"
step mentor --db "$workdir/program.db" import "$workdir/backup.json"
step mentor --db "$workdir/program.db" pair list
expect_failure mentor person add kim --tz IST
expect_failure mentor pair show rui
