#!/bin/bash
# The CLI outputs of a store for diff -r between two code versions: bench/corpus_cli_outputs.sh TREE DB OUT
# (the four queries and more, stats, searches, exports), run by the kiebitz in TREE. Run it from outside
# the checkout (cd /tmp) so that TREE, not the current folder, decides which kiebitz runs.
tree=$1; db=$2; out=$3; mkdir -p $out
k() { PYTHONPATH=$tree ${PYTHON:-/work/wt-corpus/.venv/bin/python} -c "import sys; from kiebitz.cli import main; sys.argv=['kiebitz']+sys.argv[1:]; main()" "$@"; }
sp=$(${PYTHON:-/work/wt-corpus/.venv/bin/python} -c "
import sqlite3; c=sqlite3.connect('file:$db?mode=ro', uri=True)
print(c.execute('select speaker_name from statements group by speaker_name order by count(*) desc limit 1').fetchone()[0])")
k quotes --db $db --format json --limit 200 > $out/quotes.json
k quotes --db $db --speaker "$sp" --since 2023-06-01 --format json > $out/quotes_speaker.json
k quotes --db $db --text "zumika" --format csv > $out/quotes_text.csv
k quotes --db $db --text "sakosel" --speaker "Wang" --format json > $out/quotes_text_speaker.json
k events --db $db --format json --limit 200 > $out/events.json
k events --db $db --actor RUS --recipient USA --format json > $out/events_rus_usa.json
k events --db $db --type REJECT --format csv > $out/events_reject.csv
k actors --db $db --format json --limit 200 > $out/actors.json
k search --db $db --format json '"die zumika"' > $out/search_phrase.json
k stats --db $db --format json | grep -v '"path"' > $out/stats.json
w=$(${PYTHON:-/work/wt-corpus/.venv/bin/python} -c "
import sqlite3; c=sqlite3.connect('file:$db?mode=ro', uri=True)
print(c.execute('select text from articles limit 1').fetchone()[0].split()[3].strip('.,'))")
k search --db $db --format json "$w" > $out/search.json
k search --db $db --format json --no-stem "$w" --offset 5 > $out/search_nostem.json
for f in csv jsonl plover; do k export --db $db --format $f --out $out/export_$f > /dev/null; done
