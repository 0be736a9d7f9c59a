"""The officer's year (LAW.md §5): emulation registration, nomination rounds, the council
meeting and its votes, the dossier checklist with evidence files, public posting, dashboard.

One module per group of intentions; each public writer validates its whole input first
(every problem with a stable code), writes in one transaction with an audit entry, and
returns its result with the `Changes` the windows refresh from. Everything that varies by law
or province is read from forms/ through the typed catalog (title files' [ballot] and
[[dossier]], forms/rounds.toml, the province profile); nothing here holds a figure.
"""

from desktop.core.model.rounds import VoteEntry
from desktop.core.operations.rounds.attachments import (
    REDUCE_MAX_SIDE,
    attach_file,
    attachment_path,
    attachments_dir,
    detach,
    sniff,
)
from desktop.core.operations.rounds.bulk import (
    nominate_many,
    register_many,
    undo_nominations,
    undo_registrations,
)
from desktop.core.operations.rounds.bulk_preview import (
    PICK_LIMIT,
    candidates,
    eligible_subjects,
    nomination_preview,
    registrable_subjects,
    registration_preview,
)
from desktop.core.operations.rounds.checklist import (
    checklist,
    dossier_parts,
    mark_part,
    set_simplified,
)
from desktop.core.operations.rounds.council import (
    check_meeting,
    meetings,
    save_meeting,
    tally,
    validate_meeting,
    vote_rule,
    vote_rule_for,
    votes,
)
from desktop.core.operations.rounds.dashboard import dashboard, is_ethnic_minority
from desktop.core.operations.rounds.deadlines import (
    days_left,
    deadline_text,
    decided_at_home_text,
    default_deadline,
    default_receiving_body,
)
from desktop.core.operations.rounds.decisions import (
    DecisionBatch,
    DecisionPreview,
    awaiting_decision,
    decide_many,
    decision_preview,
    undo_decisions,
)
from desktop.core.operations.rounds.lifecycle import (
    change_deadline,
    create_round,
    delete_round,
    get_round,
    list_rounds,
)
from desktop.core.operations.rounds.nominations import (
    CachedEvaluator,
    Evaluator,
    achievement_claims,
    add_nomination,
    get_nomination,
    needs_registration,
    nomination_form,
    nominations,
    remove_nomination,
    snapshot_of,
    unregistered_nominees,
)
from desktop.core.operations.rounds.one_reward import one_reward_problems
from desktop.core.operations.rounds.posting import (
    posting_days_required,
    posting_list,
    postings,
    record_posting,
)
from desktop.core.operations.rounds.registration import (
    register,
    registrations,
    undo_unregister,
    unregister,
)
from desktop.core.operations.rounds.statuses import MANY_STEPS, set_status, set_status_many
from desktop.core.rules import VoteRule

__all__ = [
    "MANY_STEPS",
    "PICK_LIMIT",
    "REDUCE_MAX_SIDE",
    "CachedEvaluator",
    "DecisionBatch",
    "DecisionPreview",
    "Evaluator",
    "VoteEntry",
    "VoteRule",
    "achievement_claims",
    "add_nomination",
    "attach_file",
    "attachment_path",
    "attachments_dir",
    "awaiting_decision",
    "candidates",
    "change_deadline",
    "check_meeting",
    "checklist",
    "create_round",
    "dashboard",
    "days_left",
    "deadline_text",
    "decide_many",
    "decided_at_home_text",
    "decision_preview",
    "default_deadline",
    "default_receiving_body",
    "delete_round",
    "detach",
    "dossier_parts",
    "eligible_subjects",
    "get_nomination",
    "get_round",
    "is_ethnic_minority",
    "list_rounds",
    "mark_part",
    "meetings",
    "needs_registration",
    "nominate_many",
    "nomination_form",
    "nomination_preview",
    "nominations",
    "one_reward_problems",
    "posting_days_required",
    "posting_list",
    "postings",
    "record_posting",
    "register",
    "register_many",
    "registrable_subjects",
    "registration_preview",
    "registrations",
    "remove_nomination",
    "save_meeting",
    "set_simplified",
    "set_status",
    "set_status_many",
    "snapshot_of",
    "sniff",
    "tally",
    "undo_decisions",
    "undo_nominations",
    "undo_registrations",
    "undo_unregister",
    "unregister",
    "unregistered_nominees",
    "validate_meeting",
    "vote_rule",
    "vote_rule_for",
    "votes",
]
