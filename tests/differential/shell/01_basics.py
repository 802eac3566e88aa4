# 01_basics: plain Python at the shell prompt, no database.
# Every top-level statement is one unit (see README.md).

1 + 2
7 / 2
7 // 2
-7 // 2
7 % 3
2 ** 10
10 - 2.5
0.1 + 0.2
'abc'
"it's"
'Hello' + ' ' + 'World'
'ab' * 3
'인스타그램'
len('인스타그램')
'Django'.upper()
'  padded  '.strip()
'a,b,c'.split(',')
'-'.join(['x', 'y', 'z'])
'hello world'.title()
'photo.jpg'.endswith('.jpg')
'hello'[1:4]
'a\nb'
print('a\nb')
name = '민지'
likes = 12
f'{name}님의 좋아요: {likes}개'
f'{likes * 2:5d}|{0.5:.2f}'
print('hello', 'world')
print('a', 'b', sep='-', end='!\n')
print()
[1, 2, 3]
[]
(1,)
()
(1, 'two', 3.0, None, True)
{'a': 1, 'b': [2, 3]}
{}
None
True and False
not None
3 > 2 > 1
1 == 1.0
_
_ + 1
x = 10
x
x * 2
undefined_name
'a' + 1
1 + 'a'
1 / 0
int('42')
int('abc')
str(3.5)
float('1.5')
bool('')
type(1)
isinstance('x', str)
items = [3, 1, 2]
sorted(items)
items.append(4)
items
items[0]
items[-1]
items[10]
d = {'k': 1}
d['k']
d['missing']
d.get('missing')
list(range(5))
sum([1, 2, 3])
max(3, 7)
abs(-3)
divmod(7, 2)
[n * 2 for n in range(4)]
if likes > 10:
    print('인기 게시물')
else:
    print('보통')
for i in range(3):
    print(i, i * i)
for i in range(3):
    i
try:
    1 / 0
except ZeroDivisionError as e:
    print('error:', e)
finally:
    print('done')
try:
    int('x')
except ValueError:
    print('잘못된 숫자')
None.upper()
len(5)
# unit: raw
print('unclosed'
# unit: raw
x = = 1
