"""AtCoder/Codeforces-style (stdin) problems of the embedded sample set. Original problems written for hrm-lcb."""

from spec import ints, line, rng, stdin_problem

r = rng(202)


def atcoder(**kw):
    return stdin_problem(platform="atcoder", **kw)


def codeforces(**kw):
    return stdin_problem(platform="codeforces", **kw)


def cases(blocks):
    """A multi-test-case input: the count, then each case's lines."""
    return f"{len(blocks)}\n" + "".join(blocks)


def random_grid(h, w, walls):
    rows = [["#" if r.random() < walls else "." for _ in range(w)] for _ in range(h)]
    rows[0][0], rows[h - 1][w - 1] = "S", "G"
    return f"{h} {w}\n" + "".join("".join(row) + "\n" for row in rows)


def random_graph(n, m):
    edges = set()
    while len(edges) < m:
        a, b = sorted(r.sample(range(1, n + 1), 2))
        edges.add((a, b))
    return f"{n} {m}\n" + "".join(f"{a} {b}\n" for a, b in sorted(edges, key=lambda e: r.random()))


PROBLEMS = [
    atcoder(
        qid="abc901_a", title="Window Lights", contest="abc901", date="2023-05-13T00:00:00", difficulty="easy",
        release=1,
        body="""
A building has N windows in a row. The string S describes them: o means the light behind that window is on and
x means it is off. A lit group is a maximal block of consecutive windows whose lights are on.
How many lit groups are there?
""",
        input_format="N\nS",
        output_format="Print the number of lit groups.",
        constraints="- 1 \\leq N \\leq 100\n- S is a string of length N consisting of o and x.",
        solution="""
n = int(input())
s = input()
groups = 0
for i in range(n):
    if s[i] == 'o' and (i == 0 or s[i - 1] == 'x'):
        groups += 1
print(groups)
""",
        wrong="""
n = int(input())
s = input()
print(s.count('o'))
""",
        wrong_note="counts lit windows instead of groups",
        tests=["7\nooxoxxo\n", "3\nxxx\n", "1\no\n", "6\noooooo\n", "8\noxoxoxox\n",
               "100\n" + "".join(r.choice("ox") for _ in range(100)) + "\n"],
    ),
    atcoder(
        qid="abc901_b", title="Spread", contest="abc901", date="2023-05-01T00:00:00", difficulty="easy",
        release=1,
        body="You are given N integers A_1, \\ldots, A_N. Print the largest value minus the smallest value.",
        input_format="N\nA_1 A_2 \\ldots A_N",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 100\n- -10^9 \\leq A_i \\leq 10^9\n- All input values are integers.",
        solution="""
n = int(input())
a = list(map(int, input().split()))
print(max(a) - min(a))
""",
        wrong="""
n = int(input())
a = list(map(int, input().split()))
print(max(a) - a[0])
""",
        wrong_note="subtracts the first value instead of the smallest",
        tests=["4\n3 9 1 4\n", "1\n42\n", "3\n-5 -5 -5\n", "5\n1 2 3 4 5\n", "4\n7 -1000000000 1000000000 0\n",
               f"100\n{line(ints(r, 100, -10**9, 10**9))}\n"],
        compress=True,
    ),
    atcoder(
        qid="abc902_c", title="Maze Steps", contest="abc902", date="2023-07-08T00:00:00", difficulty="medium",
        release=1,
        body="""
A maze is an H by W grid. Each cell is a wall (#), an open cell (.), the start S or the goal G; S and G are
open. In one step you move to an open cell that shares a side with your cell. Print the minimum number of
steps from S to G, or -1 if G cannot be reached.
""",
        input_format="H W\nC_1\n\\vdots\nC_H",
        output_format="Print the answer.",
        constraints="- 1 \\leq H, W \\leq 100\n- C_i is a string of length W of #, ., S and G.\n- S and G each occur exactly once.",
        solution="""
from collections import deque

h, w = map(int, input().split())
grid = [input() for _ in range(h)]
for i in range(h):
    for j in range(w):
        if grid[i][j] == 'S':
            start = (i, j)
dist = {start: 0}
queue = deque([start])
answer = -1
while queue:
    i, j = queue.popleft()
    if grid[i][j] == 'G':
        answer = dist[(i, j)]
        break
    for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ni, nj = i + di, j + dj
        if 0 <= ni < h and 0 <= nj < w and grid[ni][nj] != '#' and (ni, nj) not in dist:
            dist[(ni, nj)] = dist[(i, j)] + 1
            queue.append((ni, nj))
print(answer)
""",
        wrong="""
from collections import deque

h, w = map(int, input().split())
grid = [input() for _ in range(h)]
for i in range(h):
    for j in range(w):
        if grid[i][j] == 'S':
            start = (i, j)
dist = {start: 0}
queue = deque([start])
answer = -1
while queue:
    i, j = queue.popleft()
    if grid[i][j] == 'G':
        answer = dist[(i, j)]
        break
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            ni, nj = i + di, j + dj
            if 0 <= ni < h and 0 <= nj < w and grid[ni][nj] != '#' and (ni, nj) not in dist:
                dist[(ni, nj)] = dist[(i, j)] + 1
                queue.append((ni, nj))
print(answer)
""",
        wrong_note="also moves diagonally",
        tests=["3 4\nS..#\n.#..\n...G\n", "1 3\nS#G\n", "1 2\nSG\n", "3 3\nS#.\n.#.\n..G\n", "2 2\nS.\n.G\n",
               random_grid(40, 40, 0.25), random_grid(100, 100, 0.2)],
    ),
    atcoder(
        qid="abc903_d", title="Range Sums", contest="abc903", date="2024-03-09T00:00:00", difficulty="medium",
        release=1,
        body="""
You are given a sequence A = (A_1, \\ldots, A_N) and Q queries. The i-th query gives L_i and R_i; print
A_{L_i} + A_{L_i + 1} + \\cdots + A_{R_i}.
""",
        input_format="N Q\nA_1 \\ldots A_N\nL_1 R_1\n\\vdots\nL_Q R_Q",
        output_format="Print Q lines; the i-th line holds the answer to the i-th query.",
        constraints="- 1 \\leq N, Q \\leq 2 \\times 10^5\n- 0 \\leq A_i \\leq 10^9\n- 1 \\leq L_i \\leq R_i \\leq N",
        solution="""
import sys

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
prefix = [0]
for x in data[2:2 + n]:
    prefix.append(prefix[-1] + int(x))
out = []
pos = 2 + n
for _ in range(q):
    l, r = int(data[pos]), int(data[pos + 1])
    pos += 2
    out.append(prefix[r] - prefix[l - 1])
print('\\n'.join(map(str, out)))
""",
        wrong="""
import sys

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
prefix = [0]
for x in data[2:2 + n]:
    prefix.append(prefix[-1] + int(x))
out = []
pos = 2 + n
for _ in range(q):
    l, r = int(data[pos]), int(data[pos + 1])
    pos += 2
    out.append(prefix[r - 1] - prefix[l - 1])
print('\\n'.join(map(str, out)))
""",
        wrong_note="leaves A_R out of the sum",
        tests=["5 3\n1 2 3 4 5\n1 5\n2 3\n4 4\n", "1 1\n7\n1 1\n", "3 2\n0 0 0\n1 3\n2 2\n",
               "4 2\n1000000000 1000000000 1000000000 1000000000\n1 4\n3 4\n", "2 2\n5 6\n1 1\n2 2\n",
               "5000 5000\n" + line(ints(r, 5000, 0, 10**9)) + "\n"
               + "".join(f"{a} {b}\n" for a, b in (sorted(ints(r, 2, 1, 5000)) for _ in range(5000)))],
        compress=True,
    ),
    atcoder(
        qid="arc901_c", title="Divisible Segments", contest="arc901", date="2023-11-19T00:00:00", difficulty="hard",
        release=1,
        body="""
You are given a sequence of N positive integers A and a positive integer K. How many pairs (l, r) with
1 \\leq l \\leq r \\leq N make A_l + \\cdots + A_r a multiple of K?
""",
        input_format="N K\nA_1 \\ldots A_N",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 2 \\times 10^5\n- 1 \\leq K \\leq 10^9\n- 1 \\leq A_i \\leq 10^9",
        solution="""
def main():
    n, k = map(int, input().split())
    a = list(map(int, input().split()))
    seen = {0: 1}
    prefix = 0
    total = 0
    for x in a:
        prefix = (prefix + x) % k
        total += seen.get(prefix, 0)
        seen[prefix] = seen.get(prefix, 0) + 1
    print(total)


if __name__ == "__main__":
    main()
""",
        wrong="""
def main():
    n, k = map(int, input().split())
    a = list(map(int, input().split()))
    seen = {}
    prefix = 0
    total = 0
    for x in a:
        prefix = (prefix + x) % k
        total += seen.get(prefix, 0)
        seen[prefix] = seen.get(prefix, 0) + 1
    print(total)


if __name__ == "__main__":
    main()
""",
        wrong_note="forgets the empty prefix, missing segments that start at 1",
        tests=["5 3\n1 2 3 4 5\n", "1 1\n9\n", "4 10\n1 2 3 4\n", "3 2\n2 2 2\n", "6 7\n7 14 1 6 13 7\n",
               f"20000 97\n{line(ints(r, 20000, 1, 10**9))}\n"],
        compress=True,
    ),
    codeforces(
        qid="9901_A", title="A. Mirror Number", contest="9901", date="2023-09-14T00:00:00", difficulty="easy",
        release=1,
        body="""
A positive integer is a mirror number when its decimal digits read the same from left to right and from right
to left. For each of the t given numbers, say whether it is a mirror number.
""",
        input_format="The first line contains t (1 \\leq t \\leq 1000). Each of the next t lines contains one integer n (1 \\leq n \\leq 10^{18}).",
        output_format="For each test case print YES if n is a mirror number and NO otherwise.",
        constraints="",
        solution="""
t = int(input())
for _ in range(t):
    s = input().strip()
    print('YES' if s == s[::-1] else 'NO')
""",
        wrong="""
t = int(input())
for _ in range(t):
    s = input().strip()
    print('Yes' if s == s[::-1] else 'No')
""",
        wrong_note="prints Yes/No, but the answer is case-sensitive",
        tests=[cases(["121\n", "10\n", "7\n"]), cases(["1221\n"]), cases(["12\n", "33\n"]),
               cases(["1000000000000000001\n", "123456789987654321\n", "123456789\n"]), cases(["5\n"]),
               cases([f"{x}{str(x)[::-1] if r.random() < 0.5 else x}\n" for x in ints(r, 200, 1, 10**8)])],
    ),
    atcoder(
        qid="abc903_b", title="Parity Sort", contest="abc903", date="2024-04-13T00:00:00", difficulty="easy",
        release=2,
        body="""
You are given N integers. Print the even ones in increasing order, followed by the odd ones in decreasing order.
""",
        input_format="N\nA_1 \\ldots A_N",
        output_format="Print the N integers in the required order, separated by spaces.",
        constraints="- 1 \\leq N \\leq 100\n- 1 \\leq A_i \\leq 1000",
        solution="""
n = int(input())
a = list(map(int, input().split()))
evens = sorted(x for x in a if x % 2 == 0)
odds = sorted((x for x in a if x % 2 == 1), reverse=True)
print(*(evens + odds))
""",
        wrong="""
n = int(input())
a = list(map(int, input().split()))
evens = sorted(x for x in a if x % 2 == 0)
odds = sorted(x for x in a if x % 2 == 1)
print(*(evens + odds))
""",
        wrong_note="sorts the odd numbers in increasing order",
        tests=["6\n5 2 8 1 4 3\n", "1\n7\n", "3\n2 4 6\n", "4\n9 7 5 3\n", "5\n1 3 2 2 1\n",
               f"100\n{line(ints(r, 100, 1, 1000))}\n"],
    ),
    atcoder(
        qid="arc901_a", title="Alternating Colors", contest="arc901", date="2024-05-11T00:00:00", difficulty="medium",
        release=2,
        body="""
You are given a string S of 0s and 1s. In one operation you flip one character. Print the minimum number of
operations after which no two adjacent characters of S are equal.
""",
        input_format="N\nS",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 2 \\times 10^5\n- S is a string of length N of 0 and 1.",
        solution="""
n = int(input())
s = input()
flips = sum(1 for i, c in enumerate(s) if c != '01'[i % 2])
print(min(flips, n - flips))
""",
        wrong="""
n = int(input())
s = input()
print(sum(1 for i, c in enumerate(s) if c != '01'[i % 2]))
""",
        wrong_note="only tries the pattern that starts with 0",
        tests=["4\n0110\n", "1\n1\n", "5\n10101\n", "6\n111111\n", "3\n010\n",
               "50000\n" + "".join(r.choice("01") for _ in range(50000)) + "\n"],
        compress=True,
    ),
    codeforces(
        qid="9901_B", title="B. Best Pair", contest="9901", date="2024-05-23T14:35:00", difficulty="easy",
        release=2,
        body="""
For each test case you are given n integers, possibly negative. Choose two of them at different positions
so that their product is as large as possible, and print that product.
""",
        input_format="The first line contains t (1 \\leq t \\leq 100). Each test case consists of a line with n (2 \\leq n \\leq 1000) and a line with a_1, \\ldots, a_n (-10^9 \\leq a_i \\leq 10^9).",
        output_format="For each test case print the largest product.",
        constraints="",
        solution="""
t = int(input())
for _ in range(t):
    n = int(input())
    a = sorted(map(int, input().split()))
    print(max(a[0] * a[1], a[-1] * a[-2]))
""",
        wrong="""
t = int(input())
for _ in range(t):
    n = int(input())
    a = sorted(map(int, input().split()))
    print(a[-1] * a[-2])
""",
        wrong_note="ignores that two negative numbers make a large product",
        tests=[cases(["3\n1 5 3\n", "4\n-10 -9 1 2\n"]), cases(["2\n-1 -1\n"]), cases(["2\n0 -5\n"]),
               cases(["5\n-1000000000 -1000000000 1 2 3\n"]), cases(["3\n4 4 4\n", "3\n-3 0 2\n"]),
               cases([f"{n}\n{line(ints(r, n, -10**9, 10**9))}\n" for n in ints(r, 20, 2, 500)])],
        compress=True,
    ),
    atcoder(
        qid="abc362_c", title="Equal Halves", contest="abc362", date="2024-07-13T00:00:00", difficulty="medium",
        release=3,
        body="""
You are given N positive integers A_1, \\ldots, A_N. Decide whether the indices 1, \\ldots, N can be split into
two groups whose values have equal sums. If they can, print Yes and then the indices of one of the groups;
if several splits exist, any of them is accepted.
""",
        input_format="N\nA_1 \\ldots A_N",
        output_format="If no split exists, print No. Otherwise print Yes on the first line and, on the second line, the indices of one group in increasing order, separated by spaces.",
        constraints="- 2 \\leq N \\leq 20\n- 1 \\leq A_i \\leq 100",
        solution="""
n = int(input())
a = list(map(int, input().split()))
total = sum(a)
if total % 2 == 1:
    print('No')
else:
    half = total // 2
    reach = {0: []}
    for i, x in enumerate(a, 1):
        for s, picked in list(reach.items()):
            if s + x <= half and s + x not in reach:
                reach[s + x] = picked + [i]
    if half in reach:
        print('Yes')
        print(*reach[half])
    else:
        print('No')
""",
        wrong="""
n = int(input())
a = list(map(int, input().split()))
print('Yes' if sum(a) % 2 == 0 else 'No')
""",
        wrong_note="only checks the parity of the sum and prints no group",
        tests=["4\n1 5 11 5\n", "3\n1 2 4\n", "2\n7 7\n", "5\n3 1 1 2 2\n", "3\n2 2 2\n",
               f"20\n{line(ints(r, 20, 1, 100))}\n"],
    ),
    atcoder(
        qid="arc902_b", title="Merge Piles", contest="arc902", date="2024-06-22T00:00:00", difficulty="hard",
        release=3,
        body="""
There are N piles of stones; pile i has A_i stones. Merging two piles into one costs the total number of stones
in the two piles. Piles are merged two at a time until one pile remains. Print the minimum total cost.
""",
        input_format="N\nA_1 \\ldots A_N",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 2 \\times 10^5\n- 1 \\leq A_i \\leq 10^9",
        solution="""
import heapq

n = int(input())
piles = list(map(int, input().split()))
heapq.heapify(piles)
cost = 0
while len(piles) > 1:
    merged = heapq.heappop(piles) + heapq.heappop(piles)
    cost += merged
    heapq.heappush(piles, merged)
print(cost)
""",
        wrong="""
n = int(input())
piles = sorted(map(int, input().split()))
cost = 0
current = piles[0]
for x in piles[1:]:
    current += x
    cost += current
print(cost)
""",
        wrong_note="always merges the next pile into one growing pile",
        tests=["4\n1 2 3 4\n", "1\n5\n", "2\n3 3\n", "5\n5 5 5 5 5\n", "3\n1 1 100\n",
               f"10000\n{line(ints(r, 10000, 1, 10**9))}\n"],
        compress=True,
    ),
    codeforces(
        qid="9902_C", title="C. No Twins", contest="9902", date="2024-07-27T14:35:00", difficulty="medium",
        release=3,
        body="""
For each test case you are given a string. Delete as few characters as possible so that no two adjacent
characters of the remaining string are equal, and print how many characters you deleted.
""",
        input_format="The first line contains t (1 \\leq t \\leq 10^4). Each of the next t lines contains a string of lowercase English letters of length at most 2 \\cdot 10^5. The total length does not exceed 2 \\cdot 10^5.",
        output_format="For each test case print the minimum number of deletions.",
        constraints="",
        solution="""
t = int(input())
for _ in range(t):
    s = input().strip()
    print(sum(1 for i in range(1, len(s)) if s[i] == s[i - 1]))
""",
        wrong="""
t = int(input())
for _ in range(t):
    s = input().strip()
    runs = 0
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        runs += j - i > 1
        i = j
    print(runs)
""",
        wrong_note="counts repeated blocks instead of the extra characters in them",
        tests=[cases(["aab\n", "abc\n", "aaaa\n"]), cases(["z\n"]), cases(["abba\n", "aabbcc\n"]),
               cases(["abababab\n"]), cases(["qqqqqqqqqq\n"]),
               cases(["".join(r.choice("ab") for _ in range(n)) + "\n" for n in ints(r, 100, 1, 500)])],
    ),
    atcoder(
        qid="abc902_a", title="Elevator Ride", contest="abc902", date="2024-08-03T00:00:00", difficulty="easy",
        release=4,
        body="""
An elevator starts at floor 1 and then stops at floors F_1, F_2, \\ldots, F_N in this order. Moving between
two floors takes as many seconds as the absolute difference of their numbers. Print the total travel time.
""",
        input_format="N\nF_1 \\ldots F_N",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 100\n- 1 \\leq F_i \\leq 100",
        solution="""
n = int(input())
floors = [1] + list(map(int, input().split()))
print(sum(abs(floors[i] - floors[i - 1]) for i in range(1, len(floors))))
""",
        wrong="""
n = int(input())
floors = [1] + list(map(int, input().split()))
print(sum(floors[i] - floors[i - 1] for i in range(1, len(floors))))
""",
        wrong_note="forgets that the elevator also goes down",
        tests=["3\n5 2 8\n", "1\n1\n", "2\n10 1\n", "4\n3 3 3 3\n", "5\n100 1 100 1 100\n",
               f"100\n{line(ints(r, 100, 1, 100))}\n"],
    ),
    atcoder(
        qid="abc905_a", title="Clock Hands", contest="abc905", date="2024-08-24T00:00:00", difficulty="easy",
        release=4,
        body="""
An analog clock shows H hours and M minutes. The hour hand moves continuously: it advances half a degree every
minute. Print the smaller angle between the hour hand and the minute hand, in degrees.
""",
        input_format="H M",
        output_format="Print the angle. Your output is judged correct when it equals the exact value.",
        constraints="- 0 \\leq H \\leq 11\n- 0 \\leq M \\leq 59",
        solution="""
h, m = map(int, input().split())
twice = abs(60 * h - 11 * m)
twice = min(twice, 720 - twice)
print(twice // 2 if twice % 2 == 0 else f'{twice // 2}.5')
""",
        wrong="""
h, m = map(int, input().split())
angle = abs(30 * h - 6 * m)
print(min(angle, 360 - angle))
""",
        wrong_note="keeps the hour hand on the hour mark",
        tests=["3 0\n", "3 15\n", "0 0\n", "6 0\n", "9 45\n", "11 59\n", "1 1\n"],
    ),
    codeforces(
        qid="9903_D", title="D. Depth Sum", contest="9903", date="2024-09-19T14:35:00", difficulty="medium",
        release=4,
        body="""
A rooted tree has n vertices; vertex 1 is the root and the parent of vertex i (2 \\leq i \\leq n) is p_i < i.
The depth of the root is 0 and the depth of any other vertex is its parent's depth plus one.
Print the sum of the depths of all vertices.
""",
        input_format="The first line contains n (1 \\leq n \\leq 2 \\cdot 10^5). The second line contains p_2, \\ldots, p_n (empty when n = 1).",
        output_format="Print the sum of depths.",
        constraints="",
        solution="""
n = int(input())
parents = list(map(int, input().split())) if n > 1 else []
depth = [0] * (n + 1)
for i, p in enumerate(parents, 2):
    depth[i] = depth[p] + 1
print(sum(depth))
""",
        wrong="""
n = int(input())
parents = list(map(int, input().split())) if n > 1 else []
depth = [0] * (n + 1)
depth[1] = 1
for i, p in enumerate(parents, 2):
    depth[i] = depth[p] + 1
print(sum(depth))
""",
        wrong_note="gives the root depth 1",
        tests=["4\n1 1 2\n", "1\n\n", "5\n1 2 3 4\n", "3\n1 1\n", "6\n1 1 1 1 1\n",
               f"20000\n{line(r.randint(max(1, i - 5), i - 1) for i in range(2, 20001))}\n"],
        compress=True,
    ),
    atcoder(
        qid="abc904_c", title="Bracket Repair", contest="abc904", date="2025-01-11T00:00:00", difficulty="medium",
        release=5,
        body="""
You are given a string S of ( and ). You may insert ( and ) anywhere in S. Print the minimum number of
insertions that make S a correct bracket sequence.
""",
        input_format="S",
        output_format="Print the answer.",
        constraints="- 1 \\leq |S| \\leq 2 \\times 10^5",
        solution="""
s = input()
open_count = 0
insertions = 0
for c in s:
    if c == '(':
        open_count += 1
    elif open_count > 0:
        open_count -= 1
    else:
        insertions += 1
print(insertions + open_count)
""",
        wrong="""
s = input()
open_count = 0
insertions = 0
for c in s:
    if c == '(':
        open_count += 1
    elif open_count > 0:
        open_count -= 1
    else:
        insertions += 1
print(insertions)
""",
        wrong_note="forgets the brackets still open at the end",
        tests=["())\n", "(((\n", "()\n", ")(\n", "(()))(\n", "".join(r.choice("()") for _ in range(100000)) + "\n"],
        compress=True,
    ),
    atcoder(
        qid="abc905_d", title="Island Groups", contest="abc905", date="2024-10-19T00:00:00", difficulty="medium",
        release=5,
        body="""
There are N islands and M bridges; bridge i connects islands U_i and V_i. Two islands are in the same group
when one can walk from one to the other over bridges. Print the number of groups.
""",
        input_format="N M\nU_1 V_1\n\\vdots\nU_M V_M",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 2 \\times 10^5\n- 0 \\leq M \\leq 2 \\times 10^5\n- 1 \\leq U_i, V_i \\leq N",
        solution="""
import sys

data = sys.stdin.read().split()
n, m = int(data[0]), int(data[1])
parent = list(range(n + 1))


def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


groups = n
for k in range(m):
    a, b = find(int(data[2 + 2 * k])), find(int(data[3 + 2 * k]))
    if a != b:
        parent[a] = b
        groups -= 1
print(groups)
""",
        wrong="""
n, m = map(int, input().split())
print(max(1, n - m))
""",
        wrong_note="assumes no bridge closes a loop",
        tests=["5 3\n1 2\n2 3\n4 5\n", "3 0\n", "3 3\n1 2\n2 3\n3 1\n", "1 1\n1 1\n", "4 2\n1 2\n1 2\n",
               "5000 4000\n" + "".join(f"{r.randint(1, 5000)} {r.randint(1, 5000)}\n" for _ in range(4000))],
    ),
    codeforces(
        qid="9904_E", title="E. Covered Points", contest="9904", date="2024-12-07T14:35:00", difficulty="hard",
        release=5,
        body="""
You are given n closed segments [l_i, r_i] on a line and q points x_j. For each point print how many segments
contain it (a segment contains its endpoints).
""",
        input_format="The first line contains n and q (1 \\leq n, q \\leq 2 \\cdot 10^5). Each of the next n lines contains l_i and r_i (1 \\leq l_i \\leq r_i \\leq 10^9). The last line contains x_1, \\ldots, x_q (1 \\leq x_j \\leq 10^9).",
        output_format="Print q integers separated by spaces: the answers in the order of the points.",
        constraints="",
        solution="""
import sys
from bisect import bisect_left, bisect_right

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
starts = sorted(int(data[2 + 2 * i]) for i in range(n))
ends = sorted(int(data[3 + 2 * i]) for i in range(n))
points = map(int, data[2 + 2 * n:])
print(*(bisect_right(starts, x) - bisect_left(ends, x) for x in points))
""",
        wrong="""
import sys
from bisect import bisect_right

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
starts = sorted(int(data[2 + 2 * i]) for i in range(n))
ends = sorted(int(data[3 + 2 * i]) for i in range(n))
points = map(int, data[2 + 2 * n:])
print(*(bisect_right(starts, x) - bisect_right(ends, x) for x in points))
""",
        wrong_note="treats a segment's right end as outside it",
        tests=["3 4\n1 5\n3 8\n6 6\n2 5 6 9\n", "1 1\n4 4\n4\n", "2 3\n1 2\n5 9\n3 1 9\n", "2 2\n1 10\n1 10\n10 11\n",
               "1 3\n7 9\n6 7 10\n",
               "5000 5000\n" + "".join(f"{a} {b}\n" for a, b in (sorted(ints(r, 2, 1, 10**5)) for _ in range(5000)))
               + line(ints(r, 5000, 1, 10**5)) + "\n"],
        compress=True,
    ),
    codeforces(
        qid="9905_B", title="B. Footprints", contest="9905", date="2024-11-02T14:35:00", difficulty="medium",
        release=5,
        body="""
A robot starts at the origin of an infinite grid and follows a string of moves: U, D, L and R move it one
cell up, down, left or right. For each test case print the number of distinct cells the robot visits,
including the starting cell.
""",
        input_format="The first line contains t (1 \\leq t \\leq 1000). Each test case is a line with n (1 \\leq n \\leq 10^4) and a line with the n moves.",
        output_format="For each test case print the number of distinct visited cells.",
        constraints="",
        solution="""
t = int(input())
step = {'U': (0, 1), 'D': (0, -1), 'L': (-1, 0), 'R': (1, 0)}
for _ in range(t):
    n = int(input())
    moves = input().strip()
    x = y = 0
    seen = {(0, 0)}
    for c in moves:
        dx, dy = step[c]
        x, y = x + dx, y + dy
        seen.add((x, y))
    print(len(seen))
""",
        wrong="""
t = int(input())
for _ in range(t):
    n = int(input())
    moves = input().strip()
    print(n + 1)
""",
        wrong_note="assumes the robot never returns to a cell",
        tests=[cases(["4\nURDL\n", "3\nRRR\n"]), cases(["1\nU\n"]), cases(["2\nLR\n"]),
               cases(["6\nUUDDLR\n", "8\nRURDLDLU\n"]), cases(["5\nRRRRR\n"]),
               cases([f"{n}\n" + "".join(r.choice("UDLR") for _ in range(n)) + "\n" for n in ints(r, 40, 1, 2000)])],
    ),
    atcoder(
        qid="abc906_e", title="Backpack", contest="abc906", date="2025-02-08T00:00:00", difficulty="hard",
        release=6,
        body="""
There are N items; item i weighs W_i and is worth V_i. Choose some of the items (each at most once) with total
weight at most C and print the largest total worth.
""",
        input_format="N C\nW_1 V_1\n\\vdots\nW_N V_N",
        output_format="Print the answer.",
        constraints="- 1 \\leq N \\leq 100\n- 1 \\leq C \\leq 10^5\n- 1 \\leq W_i \\leq C\n- 1 \\leq V_i \\leq 10^9",
        solution="""
import sys

data = sys.stdin.read().split()
n, cap = int(data[0]), int(data[1])
best = [0] * (cap + 1)
for i in range(n):
    w, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    shifted = [x + v for x in best[:cap + 1 - w]]
    best = best[:w] + [a if a > b else b for a, b in zip(best[w:], shifted)]
print(best[cap])
""",
        wrong="""
import sys

data = sys.stdin.read().split()
n, cap = int(data[0]), int(data[1])
best = [0] * (cap + 1)
for i in range(n):
    w, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    for c in range(w, cap + 1):
        best[c] = max(best[c], best[c - w] + v)
print(best[cap])
""",
        wrong_note="lets an item be taken more than once",
        tests=["3 8\n3 30\n4 50\n5 60\n", "1 5\n5 10\n", "2 4\n1 3\n2 5\n", "3 10\n10 100\n3 40\n3 40\n",
               "4 7\n2 1\n3 1\n4 1\n5 1\n",
               "60 3000\n" + "".join(f"{r.randint(1, 300)} {r.randint(1, 10**9)}\n" for _ in range(60))],
        compress=True,
    ),
    atcoder(
        qid="abc907_b", title="Warm Streak", contest="abc907", date="2025-03-15T00:00:00", difficulty="easy",
        release=6,
        body="""
You are given the noon temperatures T_1, \\ldots, T_N of N consecutive days. Print the largest rise from one
day to the next, that is, the largest T_{i+1} - T_i. The answer may be negative.
""",
        input_format="N\nT_1 \\ldots T_N",
        output_format="Print the answer.",
        constraints="- 2 \\leq N \\leq 100\n- -50 \\leq T_i \\leq 50",
        solution="""
n = int(input())
t = list(map(int, input().split()))
print(max(t[i + 1] - t[i] for i in range(n - 1)))
""",
        wrong="""
n = int(input())
t = list(map(int, input().split()))
print(max(abs(t[i + 1] - t[i]) for i in range(n - 1)))
""",
        wrong_note="takes the largest change, up or down",
        tests=["4\n10 13 9 15\n", "2\n5 1\n", "3\n0 0 0\n", "5\n-50 50 -50 50 -50\n", "3\n20 10 0\n",
               f"100\n{line(ints(r, 100, -50, 50))}\n"],
    ),
    codeforces(
        qid="9906_F", title="F. Short Loop", contest="9906", date="2025-04-30T14:35:00", difficulty="hard",
        release=6,
        body="""
You are given a simple undirected graph with n vertices and m edges. Print the number of edges of its shortest
cycle, or -1 if the graph has no cycle.
""",
        input_format="The first line contains n and m (2 \\leq n \\leq 300, 0 \\leq m \\leq 1000). Each of the next m lines contains an edge u v (1 \\leq u < v \\leq n); no edge repeats.",
        output_format="Print the answer.",
        constraints="",
        solution="""
from collections import deque

n, m = map(int, input().split())
adj = [[] for _ in range(n + 1)]
for _ in range(m):
    u, v = map(int, input().split())
    adj[u].append(v)
    adj[v].append(u)
best = -1
for s in range(1, n + 1):
    dist = [-1] * (n + 1)
    parent = [0] * (n + 1)
    dist[s] = 0
    queue = deque([s])
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                parent[v] = u
                queue.append(v)
            elif parent[u] != v:
                length = dist[u] + dist[v] + 1
                if best == -1 or length < best:
                    best = length
print(best)
""",
        wrong="""
from collections import deque

n, m = map(int, input().split())
adj = [[] for _ in range(n + 1)]
for _ in range(m):
    u, v = map(int, input().split())
    adj[u].append(v)
    adj[v].append(u)
best = -1
dist = [-1] * (n + 1)
parent = [0] * (n + 1)
dist[1] = 0
queue = deque([1])
while queue:
    u = queue.popleft()
    for v in adj[u]:
        if dist[v] == -1:
            dist[v] = dist[u] + 1
            parent[v] = u
            queue.append(v)
        elif parent[u] != v:
            length = dist[u] + dist[v] + 1
            if best == -1 or length < best:
                best = length
print(best)
""",
        wrong_note="searches from vertex 1 only",
        tests=["4 4\n1 2\n2 3\n3 4\n4 1\n", "3 2\n1 2\n2 3\n", "3 3\n1 2\n2 3\n1 3\n",
               "6 7\n1 2\n2 3\n3 4\n4 5\n5 6\n6 1\n4 6\n", "5 4\n1 2\n2 3\n3 4\n4 2\n", random_graph(150, 180)],
    ),
]
