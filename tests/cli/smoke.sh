#!/usr/bin/env bash
# End-to-end test of the native `gramlab` binary: file handling, migration files written
# to disk, exit codes and usage errors, compared with real Django's outputs for one corpus
# case (tests/differential/models/01_basic_blog).
# Usage: smoke.sh PATH/TO/gramlab
set -u
G=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CASE=$SRC/tests/differential/models/01_basic_blog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$CASE" "$work/app"
rm -rf "$work/app/migrations" "$work/app/db.sqlite3"
cd "$work"
failures=0
passed=0
check() {  # name expected_exit actual_exit [file_a file_b]
    local name=$1 want=$2 got=$3
    if [[ "$got" != "$want" ]]; then echo "FAIL $name: exit $got, want $want"; failures=$((failures + 1)); return; fi
    if [[ $# -ge 5 ]] && ! diff -u "$4" "$5"; then echo "FAIL $name: output differs"; failures=$((failures + 1)); return; fi
    echo "ok   $name"
    passed=$((passed + 1))
}
E=app/expected
$G check --models app/models.py > out 2> err; check check 0 $? out $E/check.stdout
$G makemigrations --models app/models.py --now 2024-01-15T12:00:00Z > out 2> err
check makemigrations 0 $? out $E/makemigrations.stdout
check migration-file 0 0 app/migrations/0001_initial.py $E/0001_initial.py
[[ -f app/migrations/__init__.py ]]; check migrations-package 0 $?
$G makemigrations --models app/models.py > out 2> err; check no-changes 0 $?
grep -qx "No changes detected" out; check no-changes-text 0 $?
$G sqlmigrate app 0001 --models app/models.py > out 2> err; check sqlmigrate 0 $? out $E/sqlmigrate_0001.sql
$G migrate --models app/models.py --now 2024-01-15T12:00:00Z > out 2> err; check migrate 0 $? out $E/migrate.stdout
$G showmigrations --models app/models.py > out 2> err; check showmigrations 0 $? out $E/showmigrations.stdout
[[ -f app/db.sqlite3 ]]; check database-beside-models 0 $?
# -v/--verbosity, Django's common option: levels as Django prints them, bad values as argparse
$G showmigrations -v2 --models app/models.py > out 2> err; check showmigrations-v2 0 $? out $E/showmigrations_v2.stdout
$G migrate --verbosity 0 --models app/models.py > out 2> err; check migrate-v0 0 $? out $E/migrate_v0.stdout
$G migrate -v 2 --models app/models.py > out 2> err; check refuses-migrate-v2 2 $?
$G check -v 5 --models app/models.py > out 2> err; check verbosity-choice 2 $?
grep -q "error: argument -v/--verbosity: invalid choice: 5 (choose from 0, 1, 2, 3)" err; check verbosity-choice-text 0 $?
$G check --verbosity=x --models app/models.py > out 2> err; check verbosity-int 2 $?
grep -q "error: argument -v/--verbosity: invalid int value: 'x'" err; check verbosity-int-text 0 $?
$G check -v --models app/models.py > out 2> err; check verbosity-missing 2 $?
grep -q "error: argument -v/--verbosity: expected one argument" err; check verbosity-missing-text 0 $?
$G migrate app zero --models app/models.py > out 2> err; check migrate-zero 0 $?
grep -q "Unapplying app.0001_initial... OK" out; check unapply-text 0 $?
$G migrate --fake --models app/models.py > out 2> err; check refuses-fake 2 $?
$G sqlmigrate app --models app/models.py > out 2> err; check sqlmigrate-missing-arg 2 $?
grep -q "error: the following arguments are required: migration_name" err; check usage-message 0 $?
$G sqlmigrate app 0009 --models app/models.py > out 2> err; check sqlmigrate-unknown 1 $?
grep -q "Cannot find a migration matching '0009' from app 'app'" err; check sqlmigrate-unknown-text 0 $?
$G check --models nope/models.py > out 2> err; check missing-models-file 1 $?
$G frobnicate > out 2> err; check unknown-command 1 $?
$G --help > out 2> err; check help 0 $?
$G dumpdata app --indent 2 --models app/models.py --database sqlite://:memory: > out 2> err; check dumpdata-fresh-db 1 $?
echo "$passed passed, $failures failed"
exit $(( failures > 0 ))
