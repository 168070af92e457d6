"""The office's policy files beside forms/: credit grading and the 失信 candidates
(policy/credit.yaml), 挂牌督办 periods and steps (policy/cases.yaml).

Validated like forms (file:line messages, every problem at once, ``inspector credit
check``) and turned into the pure rule objects of rules/credit.py and rules/cases.py.
"""

from .loader import (
    CASE_FILE,
    CREDIT_FILE,
    PolicyError,
    check_policy_files,
    load_case_rules,
    load_credit_rules,
    policy_path,
)

__all__ = [
    "CASE_FILE",
    "CREDIT_FILE",
    "PolicyError",
    "check_policy_files",
    "load_case_rules",
    "load_credit_rules",
    "policy_path",
]
