# 30_json: the json module at the prompt over ORM results — json.dumps of values() rows
# (Korean text escaped by default, ensure_ascii=False, indent, sort_keys, separators,
# default=str for datetimes), the TypeError for what JSON cannot hold, json.loads and its
# JSONDecodeError messages with line, column and character positions.
import json
from instagram.models import *
rows = list(User.objects.order_by('pk').values('id', 'username')[:2])
json.dumps(rows)
json.dumps(rows, ensure_ascii=False)
print(json.dumps(rows[0], indent=2, ensure_ascii=False))
json.dumps({'b': 1, 'a': [1, 2.5, None, True, False]}, sort_keys=True)
json.dumps([1, 2], separators=(',', ':')), json.dumps((1, 'a')), json.dumps('탭\t"따옴표"\\')
json.dumps({1: 'x', None: 1.0, 2.5: float('inf'), True: float('nan')})
json.dumps(list(Post.objects.values('id', 'upload_time')[:1]))
json.dumps(list(Post.objects.values('id', 'upload_time')[:1]), default=str)
json.dumps(Post.objects.first())
json.dumps({(1, 2): 3})
json.dumps({'a': 1, 2: 'b'}, sort_keys=True)
print(json.dumps({'a': [], 'b': {}, 'c': [{'d': 1}]}, indent=4))
print(json.dumps([1, [2]], indent='--'))
json.dumps(set([1]))
data = json.loads('{"name": "민지", "likes": [1, 2, 3], "ok": true, "none": null, "x": 1.5e2}')
data, type(data['likes']), data['x']
json.loads('[1, 2,]')
json.loads('{"a": 1,}')
json.loads('{"a" 1}')
json.loads('[1 2]')
json.loads('"abc')
json.loads('')
json.loads('[1] x')
json.loads('{1: 2}')
json.loads('\n\n  [\n 1,\n ]')
json.loads('["한글", "\\ud55c", "\\n"]')
json.loads('"\\q"')
json.loads(5)
try:
    json.loads('{')
except json.JSONDecodeError as e:
    print('잘못된 JSON:', e, isinstance(e, ValueError))

try:
    json.loads('{"이름": }')
except ValueError as e:
    print(type(e).__name__, e)

json.loads(json.dumps(rows)) == rows
