"""LeetCode-style (functional) problems of the embedded sample set. Original problems written for hrm-lcb."""

from spec import ints, leetcode, rng

r = rng(101)

PROBLEMS = [
    leetcode(
        qid="9101", slug="count-even-digit-sums", contest="weekly-contest-901", date="2023-05-21T00:00:00",
        difficulty="easy", release=1,
        body="""
You are given an array of positive integers nums. The digit sum of a number is the sum of its decimal digits.
Return the number of elements of nums whose digit sum is even.
""",
        constraints="""
1 <= nums.length <= 100
1 <= nums[i] <= 10^6
""",
        signature="def countEvenDigitSums(self, nums: List[int]) -> int:",
        solution="""
class Solution:
    def countEvenDigitSums(self, nums: List[int]) -> int:
        count = 0
        for x in nums:
            if sum(int(d) for d in str(x)) % 2 == 0:
                count += 1
        return count
""",
        wrong="""
class Solution:
    def countEvenDigitSums(self, nums: List[int]) -> int:
        return sum(1 for x in nums if sum(int(d) for d in str(x)) % 2 == 1)
""",
        wrong_note="counts the odd digit sums",
        tests=[([12, 5, 11, 246],), ([7],), ([1000000, 999999],), ([19, 28, 37, 46],), ([2, 4, 6, 8, 10],),
               (ints(r, 100, 1, 10**6),)],
    ),
    leetcode(
        qid="9102", slug="longest-flat-run", contest="weekly-contest-904", date="2023-06-11T00:00:00",
        difficulty="easy", release=1,
        body="""
A flat run of an integer array is a contiguous block of equal values. Given an integer array nums, return the
length of its longest flat run.
""",
        constraints="""
1 <= nums.length <= 1000
-10^9 <= nums[i] <= 10^9
""",
        signature="def longestFlatRun(self, nums: List[int]) -> int:",
        solution="""
class Solution:
    def longestFlatRun(self, nums: List[int]) -> int:
        best = run = 1
        for i in range(1, len(nums)):
            run = run + 1 if nums[i] == nums[i - 1] else 1
            best = max(best, run)
        return best
""",
        wrong="""
class Solution:
    def longestFlatRun(self, nums: List[int]) -> int:
        best = run = 1
        for i in range(1, len(nums)):
            if nums[i] == nums[i - 1]:
                run += 1
            else:
                best = max(best, run)
                run = 1
        return best
""",
        wrong_note="never counts the last run",
        tests=[([3, 3, 1, 1, 1, 2],), ([5],), ([1, 2, 2, 2, 2],), ([-4, -4, 0, 0, -4],), ([9, 8, 7, 6],),
               ([r.choice([1, 2]) for _ in range(1000)],)],
    ),
    leetcode(
        qid="9103", slug="rotate-word-left", contest="biweekly-contest-911", date="2024-04-06T18:30:00",
        difficulty="easy", release=2,
        body="""
You are given a string s and an integer k. Rotating s left once moves its first character to its end.
Return the string obtained by rotating s left k times.
""",
        constraints="""
1 <= s.length <= 100
0 <= k <= 10^9
s consists of lowercase English letters.
""",
        signature="def rotateLeft(self, s: str, k: int) -> str:",
        solution="""
class Solution:
    def rotateLeft(self, s: str, k: int) -> str:
        k %= len(s)
        return s[k:] + s[:k]
""",
        wrong="""
class Solution:
    def rotateLeft(self, s: str, k: int) -> str:
        return s[k:] + s[:k]
""",
        wrong_note="forgets that k may exceed the length",
        tests=[("abcde", 2), ("lamp", 4), ("x", 7), ("rotation", 1000000000), ("abc", 5), ("hello", 0)],
    ),
    leetcode(
        qid="9104", slug="balanced-bracket-depth", contest="biweekly-contest-912", date="2024-04-20T18:30:00",
        difficulty="easy", release=2,
        body="""
You are given a string s of letters and parentheses in which the parentheses are balanced. The depth of a
position is the number of parentheses that are open there. Return the largest depth over all positions.
""",
        constraints="""
1 <= s.length <= 1000
s consists of lowercase English letters, '(' and ')'; its parentheses are balanced.
""",
        signature="def maxDepth(self, s: str) -> int:",
        solution="""
class Solution:
    def maxDepth(self, s: str) -> int:
        depth = best = 0
        for c in s:
            if c == '(':
                depth += 1
                best = max(best, depth)
            elif c == ')':
                depth -= 1
        return best
""",
        wrong="""
class Solution:
    def maxDepth(self, s: str) -> int:
        return s.count('(')
""",
        wrong_note="counts opening parentheses instead of nesting",
        tests=[("a(b(c)d)e",), ("()()()",), ("plain",), ("((()))(())",), ("(a)(b(c(d)))",),
               ("(" * 300 + ")" * 300 + "()" * 100,)],
        compress=True,
    ),
    leetcode(
        qid="9105", slug="find-the-peaks", contest="weekly-contest-918", date="2024-02-04T00:00:00",
        difficulty="easy", release=1,
        body="""
You are given an array heights describing a ridge from left to right. A position i is a summit when it is
not the first or the last position and heights[i] is strictly higher than both of its neighbours.
Return the positions of all summits in increasing order.
""",
        constraints="""
3 <= heights.length <= 100
1 <= heights[i] <= 100
""",
        signature="def findPeaks(self, heights: List[int]) -> List[int]:",
        solution="""
class Solution:
    def findPeaks(self, heights: List[int]) -> List[int]:
        return [i for i in range(1, len(heights) - 1) if heights[i - 1] < heights[i] > heights[i + 1]]
""",
        wrong="""
class Solution:
    def findPeaks(self, heights: List[int]) -> List[int]:
        return [i for i in range(1, len(heights) - 1) if heights[i - 1] <= heights[i] >= heights[i + 1]]
""",
        wrong_note="plateaus count as summits",
        tests=[([1, 4, 2, 6, 3],), ([5, 5, 5],), ([1, 3, 3, 1, 2, 1],), ([9, 1, 9],), ([2, 7, 1, 8, 2, 8, 1],)],
    ),
    leetcode(
        qid="9106", slug="pair-sum-divisible", contest="biweekly-contest-905", date="2023-08-20T00:00:00",
        difficulty="medium", release=1,
        body="""
Given an integer array nums and a positive integer k, return the number of index pairs (i, j) with i < j such
that nums[i] + nums[j] is divisible by k.
""",
        constraints="""
2 <= nums.length <= 10^5
1 <= nums[i] <= 10^9
1 <= k <= 10^9
""",
        signature="def countDivisiblePairs(self, nums: List[int], k: int) -> int:",
        solution="""
class Solution:
    def countDivisiblePairs(self, nums: List[int], k: int) -> int:
        seen = {}
        pairs = 0
        for x in nums:
            r = x % k
            pairs += seen.get((k - r) % k, 0)
            seen[r] = seen.get(r, 0) + 1
        return pairs
""",
        wrong="""
class Solution:
    def countDivisiblePairs(self, nums: List[int], k: int) -> int:
        seen = {}
        pairs = 0
        for x in nums:
            r = x % k
            seen[r] = seen.get(r, 0) + 1
            pairs += seen.get((k - r) % k, 0)
        return pairs
""",
        wrong_note="pairs an element with itself",
        tests=[([1, 2, 3, 4, 5], 3), ([6, 6, 6], 6), ([1, 1], 5), ([10, 20, 30, 40], 10), ([7, 3, 5, 9, 1], 2),
               (ints(r, 10000, 1, 10**9), 97)],
        compress=True,
    ),
    leetcode(
        qid="9107", slug="fewest-coins", contest="weekly-contest-922", date="2023-12-10T00:00:00",
        difficulty="medium", release=1,
        body="""
You have an unlimited supply of coins of each value in coins. Return the fewest coins whose values add up to
exactly amount, or -1 if no combination does.
""",
        constraints="""
1 <= coins.length <= 12
1 <= coins[i] <= 10^4
0 <= amount <= 10^4
""",
        signature="def fewestCoins(self, coins: List[int], amount: int) -> int:",
        solution="""
class Solution:
    def fewestCoins(self, coins: List[int], amount: int) -> int:
        INF = amount + 1
        best = [0] + [INF] * amount
        for total in range(1, amount + 1):
            for c in coins:
                if c <= total and best[total - c] + 1 < best[total]:
                    best[total] = best[total - c] + 1
        return -1 if best[amount] == INF else best[amount]
""",
        wrong="""
class Solution:
    def fewestCoins(self, coins: List[int], amount: int) -> int:
        used = 0
        for c in sorted(coins, reverse=True):
            used += amount // c
            amount %= c
        return used if amount == 0 else -1
""",
        wrong_note="greedy: always takes the largest coin",
        tests=[([1, 2, 5], 11), ([2], 3), ([1, 3, 4], 6), ([7], 0), ([5, 9, 12], 27), ([3, 7, 11, 13], 9973)],
    ),
    leetcode(
        qid="9108", slug="merge-touching-intervals", contest="weekly-contest-925", date="2024-05-05T02:30:00",
        difficulty="medium", release=2,
        body="""
You are given a list of closed intervals [start, end]. Two intervals that overlap or share an endpoint belong
together. Merge all intervals that belong together and return the merged intervals sorted by start.
""",
        constraints="""
1 <= intervals.length <= 10^4
0 <= start <= end <= 10^9
""",
        signature="def mergeIntervals(self, intervals: List[List[int]]) -> List[List[int]]:",
        solution="""
class Solution:
    def mergeIntervals(self, intervals: List[List[int]]) -> List[List[int]]:
        merged = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return merged
""",
        wrong="""
class Solution:
    def mergeIntervals(self, intervals: List[List[int]]) -> List[List[int]]:
        merged = []
        for start, end in sorted(intervals):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return merged
""",
        wrong_note="intervals that only touch are not merged",
        tests=[([[1, 3], [2, 6], [8, 10]],), ([[1, 4], [4, 5]],), ([[5, 5]],), ([[6, 8], [1, 2], [2, 3]],),
               ([[0, 10], [2, 3], [11, 12]],), ([sorted(ints(r, 2, 0, 10**6)) for _ in range(2000)],)],
        compress=True,
    ),
    leetcode(
        qid="9109", slug="longest-window-k-distinct", contest="weekly-contest-931", date="2024-06-16T02:30:00",
        difficulty="medium", release=3,
        body="""
Given a string s and an integer k, return the length of the longest substring of s that contains at most k
distinct characters.
""",
        constraints="""
1 <= s.length <= 10^5
1 <= k <= 26
s consists of lowercase English letters.
""",
        signature="def longestWindow(self, s: str, k: int) -> int:",
        solution="""
class Solution:
    def longestWindow(self, s: str, k: int) -> int:
        counts = {}
        left = best = 0
        for right, c in enumerate(s):
            counts[c] = counts.get(c, 0) + 1
            while len(counts) > k:
                d = s[left]
                counts[d] -= 1
                if counts[d] == 0:
                    del counts[d]
                left += 1
            best = max(best, right - left + 1)
        return best
""",
        wrong="""
class Solution:
    def longestWindow(self, s: str, k: int) -> int:
        counts = {}
        left = best = 0
        for right, c in enumerate(s):
            counts[c] = counts.get(c, 0) + 1
            while len(counts) >= k:
                d = s[left]
                counts[d] -= 1
                if counts[d] == 0:
                    del counts[d]
                left += 1
            best = max(best, right - left + 1)
        return best
""",
        wrong_note="keeps windows of at most k - 1 distinct characters",
        tests=[("eceba", 2), ("aa", 1), ("abcabcbb", 3), ("zzzz", 26), ("abaccc", 2),
               ("".join(r.choice("abcde") for _ in range(5000)), 3)],
    ),
    leetcode(
        qid="9110", slug="grid-paths-with-walls", contest="biweekly-contest-933", date="2024-07-06T14:30:00",
        difficulty="medium", release=3,
        body="""
You are given a grid of strings where '.' is an open cell and '#' is a wall. Starting at the top-left cell
you may move only right or down, never onto a wall. Return the number of different paths to the bottom-right
cell, modulo 10^9 + 7. If either corner is a wall the answer is 0.
""",
        constraints="""
1 <= grid.length, grid[i].length <= 100
grid[i][j] is '.' or '#'.
""",
        signature="def countPaths(self, grid: List[str]) -> int:",
        solution="""
class Solution:
    def countPaths(self, grid: List[str]) -> int:
        MOD = 10**9 + 7
        width = len(grid[0])
        ways = [0] * width
        ways[0] = 1
        for row in grid:
            for j in range(width):
                if row[j] == '#':
                    ways[j] = 0
                elif j > 0:
                    ways[j] = (ways[j] + ways[j - 1]) % MOD
        return ways[-1]
""",
        wrong="""
class Solution:
    def countPaths(self, grid: List[str]) -> int:
        width = len(grid[0])
        ways = [0] * width
        ways[0] = 1
        for row in grid:
            for j in range(width):
                if row[j] == '#':
                    ways[j] = 0
                elif j > 0:
                    ways[j] += ways[j - 1]
        return ways[-1]
""",
        wrong_note="forgets the modulo",
        tests=[([".." , ".."],), (["...", ".#.", "..."],), (["#."],), (["....", "#...", "..#."],),
               (["." * 40] * 40,), (["".join("#" if r.random() < 0.1 else "." for _ in range(60)) for _ in range(60)],)],
        compress=True,
    ),
    leetcode(
        qid="9111", slug="top-k-frequent-letters", contest="weekly-contest-940", date="2024-08-11T02:30:00",
        difficulty="medium", release=4,
        body="""
Given a string s and an integer k, return a string of the k letters that occur most often in s, from the most
frequent to the least frequent. Letters that occur equally often are ordered alphabetically.
""",
        constraints="""
1 <= s.length <= 10^5
s consists of lowercase English letters.
1 <= k <= number of distinct letters in s
""",
        signature="def topLetters(self, s: str, k: int) -> str:",
        solution="""
class Solution:
    def topLetters(self, s: str, k: int) -> str:
        counts = Counter(s)
        order = sorted(counts, key=lambda c: (-counts[c], c))
        return ''.join(order[:k])
""",
        wrong="""
class Solution:
    def topLetters(self, s: str, k: int) -> str:
        counts = Counter(s)
        order = sorted(counts, key=lambda c: (counts[c], c), reverse=True)
        return ''.join(order[:k])
""",
        wrong_note="breaks ties in reverse alphabetical order",
        tests=[("banana", 2), ("abcabc", 3), ("z", 1), ("mississippi", 3), ("aabbccdd", 2),
               ("".join(r.choice("qwertyuiop") for _ in range(3000)), 5)],
    ),
    leetcode(
        qid="9112", slug="longest-strictly-rising-chain", contest="weekly-contest-952", date="2024-10-13T02:30:00",
        difficulty="medium", release=5,
        body="""
A rising chain of an array is a subsequence (not necessarily contiguous) whose values strictly increase.
Given values, return the length of its longest rising chain.
""",
        constraints="""
1 <= values.length <= 10^4
-10^9 <= values[i] <= 10^9
""",
        signature="def longestRisingChain(self, values: List[int]) -> int:",
        solution="""
class Solution:
    def longestRisingChain(self, values: List[int]) -> int:
        tails = []
        for v in values:
            i = bisect_left(tails, v)
            if i == len(tails):
                tails.append(v)
            else:
                tails[i] = v
        return len(tails)
""",
        wrong="""
class Solution:
    def longestRisingChain(self, values: List[int]) -> int:
        tails = []
        for v in values:
            i = bisect_right(tails, v)
            if i == len(tails):
                tails.append(v)
            else:
                tails[i] = v
        return len(tails)
""",
        wrong_note="lets equal values extend a chain",
        tests=[([10, 9, 2, 5, 3, 7, 101, 18],), ([4, 4, 4],), ([1],), ([3, 1, 2, 2, 5, 4, 6],), ([-5, -1, -3, 0],),
               (ints(r, 10000, -1000, 1000),)],
        compress=True,
    ),
    leetcode(
        qid="9113", slug="minimum-edit-steps", contest="weekly-contest-965", date="2025-01-11T18:30:00",
        difficulty="medium", release=5,
        body="""
In one step you may insert a character into a string, delete a character from it, or replace one of its
characters by another. Return the minimum number of steps that turn source into target.
""",
        constraints="""
0 <= source.length, target.length <= 300
source and target consist of lowercase English letters.
""",
        signature="def minEditSteps(self, source: str, target: str) -> int:",
        solution="""
class Solution:
    def minEditSteps(self, source: str, target: str) -> int:
        prev = list(range(len(target) + 1))
        for i, a in enumerate(source, 1):
            cur = [i] + [0] * len(target)
            for j, b in enumerate(target, 1):
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b))
            prev = cur
        return prev[-1]
""",
        wrong="""
class Solution:
    def minEditSteps(self, source: str, target: str) -> int:
        prev = list(range(len(target) + 1))
        for i, a in enumerate(source, 1):
            cur = [i] + [0] * len(target)
            for j, b in enumerate(target, 1):
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if a == b else 2))
            prev = cur
        return prev[-1]
""",
        wrong_note="has no replace step (a replacement costs a delete and an insert)",
        tests=[("horse", "ros"), ("", "abc"), ("kitten", "sitting"), ("same", "same"), ("ab", "ba"),
               ("".join(r.choice("ab") for _ in range(150)), "".join(r.choice("ab") for _ in range(150)))],
    ),
    leetcode(
        qid="9114", slug="count-inversions", contest="weekly-contest-913", date="2023-10-15T00:00:00",
        difficulty="hard", release=1,
        body="""
An inversion of an array nums is a pair of indices (i, j) with i < j and nums[i] > nums[j].
Return the number of inversions of nums.
""",
        constraints="""
1 <= nums.length <= 10^5
-10^9 <= nums[i] <= 10^9
""",
        signature="def countInversions(self, nums: List[int]) -> int:",
        solution="""
class Solution:
    def countInversions(self, nums: List[int]) -> int:
        seen = []
        total = 0
        for x in reversed(nums):
            total += bisect_left(seen, x)
            insort(seen, x)
        return total
""",
        wrong="""
class Solution:
    def countInversions(self, nums: List[int]) -> int:
        seen = []
        total = 0
        for x in reversed(nums):
            total += bisect_right(seen, x)
            insort(seen, x)
        return total
""",
        wrong_note="counts equal pairs as inversions",
        tests=[([2, 4, 1, 3, 5],), ([1, 2, 3],), ([3, 3, 3],), ([5, 4, 3, 2, 1],), ([1, 5, 2, 5, 3],),
               (ints(r, 10000, -10**9, 10**9),), (ints(r, 5000, 1, 50),)],
        compress=True,
    ),
    leetcode(
        qid="9115", slug="cheapest-route-with-free-roads", contest="weekly-contest-928", date="2024-05-26T02:30:00",
        difficulty="hard", release=2,
        body="""
There are n cities numbered 0 to n - 1 and a list of two-way roads, where roads[i] = [u, v, w] is a road
between u and v with toll w. You hold k passes; a pass makes the toll of one road you drive on zero.
Return the minimum total toll to get from city 0 to city n - 1, or -1 if it cannot be reached.
""",
        constraints="""
2 <= n <= 200
0 <= roads.length <= 1000
0 <= u, v < n, u != v
1 <= w <= 10^6
0 <= k <= 3
""",
        signature="def cheapestRoute(self, n: int, roads: List[List[int]], k: int) -> int:",
        solution="""
class Solution:
    def cheapestRoute(self, n: int, roads: List[List[int]], k: int) -> int:
        adj = [[] for _ in range(n)]
        for u, v, w in roads:
            adj[u].append((v, w))
            adj[v].append((u, w))
        INF = float('inf')
        dist = [[INF] * (k + 1) for _ in range(n)]
        dist[0][0] = 0
        heap = [(0, 0, 0)]
        while heap:
            d, node, used = heappop(heap)
            if d > dist[node][used]:
                continue
            if node == n - 1:
                return d
            for nxt, w in adj[node]:
                if d + w < dist[nxt][used]:
                    dist[nxt][used] = d + w
                    heappush(heap, (d + w, nxt, used))
                if used < k and d < dist[nxt][used + 1]:
                    dist[nxt][used + 1] = d
                    heappush(heap, (d, nxt, used + 1))
        return -1
""",
        wrong="""
class Solution:
    def cheapestRoute(self, n: int, roads: List[List[int]], k: int) -> int:
        adj = [[] for _ in range(n)]
        for u, v, w in roads:
            adj[u].append((v, w))
            adj[v].append((u, w))
        dist = [float('inf')] * n
        prev = [None] * n
        dist[0] = 0
        heap = [(0, 0)]
        while heap:
            d, node = heappop(heap)
            if d > dist[node]:
                continue
            for nxt, w in adj[node]:
                if d + w < dist[nxt]:
                    dist[nxt] = d + w
                    prev[nxt] = (node, w)
                    heappush(heap, (d + w, nxt))
        if dist[n - 1] == float('inf'):
            return -1
        tolls = []
        node = n - 1
        while prev[node] is not None:
            node, w = prev[node]
            tolls.append(w)
        tolls.sort(reverse=True)
        return dist[n - 1] - sum(tolls[:k])
""",
        wrong_note="spends the passes on the cheapest plain route instead of searching with them",
        tests=[(4, [[0, 1, 5], [1, 3, 5], [0, 2, 1], [2, 3, 20]], 1), (3, [[0, 1, 4]], 2), (2, [[0, 1, 9]], 0),
               (5, [[0, 1, 1], [1, 2, 1], [2, 4, 1], [0, 3, 100], [3, 4, 1]], 1),
               (4, [[0, 1, 2], [1, 3, 2], [0, 2, 1], [2, 3, 50]], 1),
               (60, [[u, (u + r.randrange(1, 60)) % 60, r.randint(1, 1000)] for u in ints(r, 300, 0, 59)], 2)],
    ),
    leetcode(
        qid="9116", slug="minimum-spanning-cost", contest="biweekly-contest-940", date="2024-09-14T14:30:00",
        difficulty="hard", release=4,
        body="""
There are n stations numbered 0 to n - 1 and a list of possible links, where links[i] = [a, b, c] means
stations a and b can be joined at cost c. Return the minimum total cost of links that connect every station,
or -1 if the stations cannot all be connected.
""",
        constraints="""
1 <= n <= 1000
0 <= links.length <= 10^4
0 <= a, b < n
1 <= c <= 10^5
""",
        signature="def minSpanningCost(self, n: int, links: List[List[int]]) -> int:",
        solution="""
class Solution:
    def minSpanningCost(self, n: int, links: List[List[int]]) -> int:
        parent = list(range(n))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        total = 0
        joined = 0
        for a, b, c in sorted(links, key=lambda link: link[2]):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
                total += c
                joined += 1
        return total if joined == n - 1 else -1
""",
        wrong="""
class Solution:
    def minSpanningCost(self, n: int, links: List[List[int]]) -> int:
        parent = list(range(n))

        def find(x):
            while parent[x] != x:
                x = parent[x]
            return x

        total = 0
        for a, b, c in sorted(links, key=lambda link: link[2]):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
                total += c
        return total
""",
        wrong_note="does not notice when the stations stay disconnected",
        tests=[(4, [[0, 1, 1], [1, 2, 2], [2, 3, 1], [0, 3, 5]]), (3, [[0, 1, 7]]), (1, []),
               (5, [[0, 1, 3], [0, 2, 3], [1, 2, 1], [3, 4, 2], [2, 3, 9], [1, 4, 10]]), (2, [[0, 0, 1]]),
               (300, [[r.randrange(300), r.randrange(300), r.randint(1, 10**5)] for _ in range(3000)])],
        compress=True,
    ),
    leetcode(
        qid="9117", slug="circular-non-adjacent-pick", contest="weekly-contest-957", date="2024-11-17T02:30:00",
        difficulty="medium", release=5,
        body="""
Houses stand in a circle and values[i] is the value of house i; the first and the last house are neighbours.
Pick houses so that no two picked houses are neighbours and return the largest total value you can pick.
""",
        constraints="""
1 <= values.length <= 1000
0 <= values[i] <= 1000
""",
        signature="def maxCircularPick(self, values: List[int]) -> int:",
        solution="""
class Solution:
    def maxCircularPick(self, values: List[int]) -> int:
        def line(vals):
            take = skip = 0
            for v in vals:
                take, skip = skip + v, max(take, skip)
            return max(take, skip)

        if len(values) == 1:
            return values[0]
        return max(line(values[1:]), line(values[:-1]))
""",
        wrong="""
class Solution:
    def maxCircularPick(self, values: List[int]) -> int:
        take = skip = 0
        for v in values:
            take, skip = skip + v, max(take, skip)
        return max(take, skip)
""",
        wrong_note="treats the circle as a line",
        tests=[([2, 3, 2],), ([1, 2, 3, 1],), ([7],), ([5, 1, 1, 5],), ([0, 0, 0],), (ints(r, 1000, 0, 1000),)],
    ),
    leetcode(
        qid="9118", slug="smallest-covering-window", contest="weekly-contest-970", date="2025-02-16T02:30:00",
        difficulty="hard", release=6,
        body="""
Given strings s and t, return the length of the shortest substring of s that contains every character of t,
each at least as many times as it occurs in t. Return 0 if there is no such substring.
""",
        constraints="""
1 <= s.length, t.length <= 10^5
s and t consist of lowercase English letters.
""",
        signature="def smallestCover(self, s: str, t: str) -> int:",
        solution="""
class Solution:
    def smallestCover(self, s: str, t: str) -> int:
        need = Counter(t)
        missing = len(t)
        left = 0
        best = 0
        for right, c in enumerate(s):
            if need[c] > 0:
                missing -= 1
            need[c] -= 1
            while missing == 0:
                if best == 0 or right - left + 1 < best:
                    best = right - left + 1
                need[s[left]] += 1
                if need[s[left]] > 0:
                    missing += 1
                left += 1
        return best
""",
        wrong="""
class Solution:
    def smallestCover(self, s: str, t: str) -> int:
        need = Counter(set(t))
        missing = len(need)
        left = 0
        best = 0
        for right, c in enumerate(s):
            if need[c] > 0:
                missing -= 1
            need[c] -= 1
            while missing == 0:
                if best == 0 or right - left + 1 < best:
                    best = right - left + 1
                need[s[left]] += 1
                if need[s[left]] > 0:
                    missing += 1
                left += 1
        return best
""",
        wrong_note="ignores how many times a character occurs in t",
        tests=[("adobecodebanc", "abc"), ("a", "aa"), ("aa", "aa"), ("xyz", "q"), ("abbab", "bba"),
               ("".join(r.choice("abcd") for _ in range(20000)), "aabbccd")],
        compress=True,
    ),
    leetcode(
        qid="9119", slug="border-cell-sum", contest="weekly-contest-916", date="2024-01-14T00:00:00",
        difficulty="easy", release=1,
        body="""
Given a rectangular grid of integers, return the sum of the cells on its border (the first and last row and
the first and last column). Every cell counts once.
""",
        constraints="""
1 <= grid.length, grid[i].length <= 50
-1000 <= grid[i][j] <= 1000
""",
        signature="def borderSum(self, grid: List[List[int]]) -> int:",
        solution="""
class Solution:
    def borderSum(self, grid: List[List[int]]) -> int:
        rows, cols = len(grid), len(grid[0])
        return sum(grid[i][j] for i in range(rows) for j in range(cols)
                   if i in (0, rows - 1) or j in (0, cols - 1))
""",
        wrong="""
class Solution:
    def borderSum(self, grid: List[List[int]]) -> int:
        total = sum(grid[0]) + sum(grid[-1])
        total += sum(row[0] + row[-1] for row in grid)
        return total
""",
        wrong_note="counts corners twice",
        tests=[([[1, 2, 3], [4, 5, 6], [7, 8, 9]],), ([[5]],), ([[1, 2], [3, 4]],), ([[0, 0, 0, 0]],),
               ([[-1, 2], [3, -4], [5, 6]],), ([ints(r, 50, -1000, 1000) for _ in range(50)],)],
    ),
    leetcode(
        qid="9120", slug="sort-with-one-swap", contest="biweekly-contest-934", date="2024-07-20T14:30:00",
        difficulty="easy", release=3,
        body="""
Return true if the array nums is sorted in non-decreasing order already, or becomes sorted after swapping the
values at exactly one pair of positions; otherwise return false.
""",
        constraints="""
1 <= nums.length <= 1000
1 <= nums[i] <= 1000
""",
        signature="def canSortWithOneSwap(self, nums: List[int]) -> bool:",
        solution="""
class Solution:
    def canSortWithOneSwap(self, nums: List[int]) -> bool:
        target = sorted(nums)
        wrong = [i for i in range(len(nums)) if nums[i] != target[i]]
        if not wrong:
            return True
        if len(wrong) != 2:
            return False
        i, j = wrong
        return nums[i] == target[j] and nums[j] == target[i]
""",
        wrong="""
class Solution:
    def canSortWithOneSwap(self, nums: List[int]) -> bool:
        drops = [i for i in range(len(nums) - 1) if nums[i] > nums[i + 1]]
        if not drops:
            return True
        if len(drops) != 1:
            return False
        i = drops[0]
        nums = nums[:]
        nums[i], nums[i + 1] = nums[i + 1], nums[i]
        return all(nums[k] <= nums[k + 1] for k in range(len(nums) - 1))
""",
        wrong_note="only tries swapping neighbours",
        tests=[([1, 3, 2, 4],), ([1, 2, 3],), ([5, 2, 3, 4, 1],), ([3, 2, 1, 4, 6, 5],), ([2, 1],),
               ([1, 5, 3, 3, 2, 6],)],
    ),
    leetcode(
        qid="9121", slug="distinct-pair-differences", contest="weekly-contest-943", date="2024-09-01T02:30:00",
        difficulty="medium", release=4,
        body="""
Given an integer array nums, return the sorted list of the distinct values |nums[i] - nums[j]| over all
pairs of different indices i < j.
""",
        constraints="""
2 <= nums.length <= 200
0 <= nums[i] <= 10^4
""",
        signature="def distinctDifferences(self, nums: List[int]) -> List[int]:",
        solution="""
class Solution:
    def distinctDifferences(self, nums: List[int]) -> List[int]:
        seen = set()
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                seen.add(abs(nums[i] - nums[j]))
        return sorted(seen)
""",
        wrong="""
class Solution:
    def distinctDifferences(self, nums: List[int]) -> List[int]:
        seen = set()
        for i in range(len(nums)):
            for j in range(i, len(nums)):
                seen.add(abs(nums[i] - nums[j]))
        return sorted(seen)
""",
        wrong_note="pairs an index with itself, so 0 is always listed",
        tests=[([1, 4, 6],), ([3, 3],), ([10, 0],), ([1, 2, 3, 4],), ([7, 7, 9],), (ints(r, 200, 0, 10**4),)],
        compress=True,
    ),
    leetcode(
        qid="9122", slug="anagram-group-sizes", contest="weekly-contest-973", date="2025-03-09T02:30:00",
        difficulty="medium", release=6,
        body="""
Two words are anagrams when one is a rearrangement of the letters of the other. Group the given words so
that each group holds exactly the words that are anagrams of each other (equal words included), and return
the sizes of the groups in non-increasing order.
""",
        constraints="""
1 <= words.length <= 10^4
1 <= words[i].length <= 10
words[i] consists of lowercase English letters.
""",
        signature="def anagramGroupSizes(self, words: List[str]) -> List[int]:",
        solution="""
class Solution:
    def anagramGroupSizes(self, words: List[str]) -> List[int]:
        groups = Counter(''.join(sorted(w)) for w in words)
        return sorted(groups.values(), reverse=True)
""",
        wrong="""
class Solution:
    def anagramGroupSizes(self, words: List[str]) -> List[int]:
        groups = Counter(frozenset(w) for w in words)
        return sorted(groups.values(), reverse=True)
""",
        wrong_note="groups words by their set of letters, ignoring counts",
        tests=[(["eat", "tea", "tan", "ate", "nat", "bat"],), (["a"],), (["ab", "aab", "ba"],), (["xy", "yx", "xy"],),
               (["abc", "def"],), (["".join(r.choice("abc") for _ in range(r.randint(1, 4))) for _ in range(2000)],)],
    ),
    leetcode(
        qid="9123", slug="median-of-merged-lists", contest="weekly-contest-977", date="2025-04-26T18:30:00",
        difficulty="hard", release=6,
        body="""
You are given two sorted integer arrays a and b, not both empty. Return the median of all their values taken
together: the middle value when the count is odd, and the mean of the two middle values when it is even.
Return the median as a floating-point number.
""",
        constraints="""
0 <= a.length, b.length <= 10^5
1 <= a.length + b.length
-10^6 <= a[i], b[i] <= 10^6
""",
        signature="def mergedMedian(self, a: List[int], b: List[int]) -> float:",
        solution="""
class Solution:
    def mergedMedian(self, a: List[int], b: List[int]) -> float:
        merged = sorted(a + b)
        n = len(merged)
        if n % 2 == 1:
            return float(merged[n // 2])
        return (merged[n // 2 - 1] + merged[n // 2]) / 2
""",
        wrong="""
class Solution:
    def mergedMedian(self, a: List[int], b: List[int]) -> float:
        merged = sorted(a + b)
        n = len(merged)
        return float((merged[(n - 1) // 2] + merged[n // 2]) // 2)
""",
        wrong_note="integer division drops the .5 of an even-count median",
        tests=[([1, 3], [2]), ([1, 2], [3, 4]), ([], [5]), ([-3, -1], [-2, 0]), ([1, 1], [1, 2]),
               (sorted(ints(r, 5000, -10**6, 10**6)), sorted(ints(r, 4999, -10**6, 10**6)))],
        compress=True,
    ),
]
