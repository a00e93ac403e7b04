/**
 * LCB's prompt texts, verbatim from upstream `lcb_runner/prompts/*.py` at 28fef95 (docs/lcb.md §4, §9–§11).
 * Every byte matters: scores are only comparable with the leaderboard when the prompt is identical.
 */

/** `code_generation.PromptConstants.SYSTEM_MESSAGE_GENERIC` */
export const CODEGEN_SYSTEM_MESSAGE =
  'You are an expert Python programmer. You will be given a question (problem specification) and will generate a correct Python program that matches the specification and passes all tests.';

/** `code_generation.PromptConstants.FORMATTING_MESSAGE_WITH_STARTER_CODE` */
export const CODEGEN_FORMAT_WITH_STARTER_CODE =
  'You will use the following starter code to write the solution to the problem and enclose your code within delimiters.';

/** `code_generation.PromptConstants.FORMATTING_WITHOUT_STARTER_CODE` */
export const CODEGEN_FORMAT_WITHOUT_STARTER_CODE =
  'Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows. Ensure that when the python program runs, it reads the inputs, runs the algorithm and writes output to STDOUT.';

/** the stdin format line of `get_oaireason_question_template_answer` (upstream's spelling, "orchastrates") */
export const CODEGEN_FORMAT_OAIREASON_MAIN =
  'Implement a function called `main()` which orchastrates the solution by reading inputs from stdin and writing the answer to stdout. Feel free to use additional functions as necessary. Next do NOT forget to call `main` function at the end of the program otherwise you will not be awarded any points.';

/** the empty code block every chat-style code prompt ends its format section with */
export const YOUR_CODE_HERE_BLOCK = '```python\n# YOUR CODE HERE\n```\n\n';

/** the last line of the chat-style code prompts */
export const ANSWER_LINE = '### Answer: (use the provided format with backticks)\n\n';

/** `self_repair.PromptConstants.SYSTEM_MESSAGE_GENERIC` (upstream's spelling, "entired") */
export const SELF_REPAIR_SYSTEM_MESSAGE =
  'You are a helpful programming assistant and an expert Python programmer. You are helping a user write a program to solve a problem. The user has written some code, but it has some errors and is not passing the tests. You will help the user by first giving a concise (at most 2-3 sentences) textual explanation of what is wrong with the code. After you have pointed out what is wrong with the code, you will then generate a fixed version of the program. You must put the entired fixed program within code delimiters only for once.';

/** `self_repair.PromptConstants.FORMATTING_WITHOUT_STARTER_CODE`: shorter than code generation's */
export const SELF_REPAIR_FORMAT =
  'Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows.';

/** `self_repair.PromptConstants.FORMATTING_REPEAT`, appended for `OpenAIChat` only */
export const SELF_REPAIR_FORMAT_REPEAT =
  'First reason about the code providing a textual explanation of what is wrong with the code and then generate a fixed of the program enclosed code delimiters.';

/** `test_output_prediction.PromptConstants.SYSTEM_MESSAGE_CHAT_GENERIC` (one string joined by `\` upstream) */
export const TEST_OUTPUT_SYSTEM_MESSAGE =
  'You are a helpful programming assistant and an expert Python programmer. You are helping a user to write a test case to help to check the correctness of the function. The user has written a input for the testcase. You will calculate the output of the testcase and write the whole assertion statement in the markdown code block with the correct output.';

/** `code_execution.format_prompt_execution_base`'s `system_message` */
export const CODE_EXECUTION_SYSTEM_MESSAGE =
  'You are an expert at Python programming, code execution, test case generation, and fuzzing.';

/** `code_execution.make_direct_output_prompt`, up to the problem's own `[PYTHON]` block */
export const CODE_EXECUTION_DIRECT_PREAMBLE = `You are given a Python function and an assertion containing an input to the function. Complete the assertion with a literal (no unsimplified expressions, no function calls) containing the output when executing the provided code on the given input, even if the function is incorrect or incomplete. Do NOT output any extra information. Provide the full assertion with the correct output in [ANSWER] and [/ANSWER] tags, following the examples.

[PYTHON]
def repeatNumber(number : int) -> int:
    return number
assert repeatNumber(number = 17) == ??
[/PYTHON]
[ANSWER]
assert repeatNumber(number = 17) == 17
[/ANSWER]

[PYTHON]
def addCharacterA(string : str) -> str:
    return string + "a"
assert addCharacterA(string = "x9j") == ??
[/PYTHON]
[ANSWER]
assert addCharacterA(string = "x9j") == "x9ja"
[/ANSWER]

`;

/** `code_execution.make_cot_output_prompt`, up to the problem's own `[PYTHON]` block */
export const CODE_EXECUTION_COT_PREAMBLE = `You are given a Python function and an assertion containing an input to the function. Complete the assertion with a literal (no unsimplified expressions, no function calls) containing the output when executing the provided code on the given input, even if the function is incorrect or incomplete. Do NOT output any extra information. Execute the program step by step before arriving at an answer, and provide the full assertion with the correct output in [ANSWER] and [/ANSWER] tags, following the examples.

[PYTHON]
def performOperation(s):
    s = s + s
    return "b" + s + "a"
assert performOperation(s = "hi") == ??
[/PYTHON]
[THOUGHT]
Let's execute the code step by step:

1. The function performOperation is defined, which takes a single argument s.
2. The function is called with the argument "hi", so within the function, s is initially "hi".
3. Inside the function, s is concatenated with itself, so s becomes "hihi".
4. The function then returns a new string that starts with "b", followed by the value of s (which is now "hihi"), and ends with "a".
5. The return value of the function is therefore "bhihia".
[/THOUGHT]
[ANSWER]
assert performOperation(s = "hi") == "bhihia"
[/ANSWER]

`;

/**
 * The exception upstream raises for a style its self-repair, test-output and code-execution builders do not
 * handle: their `elif` chains reach `LMStyle.MagiCoder`, which no longer exists (docs/lcb.md §18.9).
 */
export const MISSING_STYLE_ERROR = 'AttributeError: MagiCoder';
