# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sirt_global_optspecs
    string join \n store= actor= color= h/help V/version
end

function __fish_sirt_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sirt_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sirt_using_subcommand
    set -l cmd (__fish_sirt_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sirt -n "__fish_sirt_needs_command" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_needs_command" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_needs_command" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_needs_command" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_needs_command" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "init" -d 'Create a store: a git repository holding the store\'s settings'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "config" -d 'Read or change the store\'s settings (sirt.toml)'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "detect" -d 'Record a detected event; opens an incident and prints its id'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "engage" -d 'Record that someone is engaged on an incident in a role'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "confirm" -d 'Declare a security incident: customer data was affected. Starts the notification clock'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "dismiss" -d 'Close an event that turned out not to be a security incident'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "impact" -d 'Record the effect on customer data; a later assessment replaces the earlier one'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "note" -d 'Add a note to an incident\'s timeline'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "affected" -d 'Record which tenants an incident affects (or, with --remove, does not after all)'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "describe" -d 'Record what happened, in words for customers; a later call replaces it (the history keeps both)'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "act" -d 'Record an action the provider took; repeatable'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "advise" -d 'Record an action customers should take to resolve the issue or prevent it recurring; repeatable'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "publish" -d 'Mark an incident for the public service health dashboard, with the text the public reads there'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "notify" -d 'Render notification drafts for the affected tenants (changes nothing in the store)'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "contain" -d 'Record containment: what was done to stop the intruder reaching more'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "eradicate" -d 'Record eradication: root cause removed, adversary evicted, the way in mitigated'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "recover" -d 'Record a step of recovery: last known good state, restore, inspection, monitoring, validation'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "review" -d 'Record the post-incident review: root cause, what went well and badly, action items'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "action" -d 'Work with the review\'s action items'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "close" -d 'Close an incident: needs every affected tenant notified (or a dismissal), validated recovery and a review'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "edit" -d 'Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "adopt" -d 'Record a hand edit of a store file as its own, marked change; an incident file may only gain events'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "correct" -d 'Correct the time of an earlier step; the original stays in the record'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "retract" -d 'Retract an earlier step that did not happen (a declaration, an assessment, …); the original stays in the record'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "report" -d 'Write the post-incident report (Markdown): summary, durations, a timeline diagram, the timeline, notifications, filings, review'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "stats" -d 'Metrics across incidents: counts, median and 90th percentile times, notifications in time'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "notified" -d 'Record that tenants were notified on a channel; stops their contract clocks'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "classify" -d 'Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "filed" -d 'Record that a regime\'s stage was filed with its authority'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "deadlines" -d 'Show every running clock of every open incident, most urgent first'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "list" -d 'List incidents (open ones unless told otherwise), newest first'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "show" -d 'Show an incident\'s current state'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "timeline" -d 'Show an incident\'s events in the order they happened'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "history" -d 'Show the commits that recorded an incident\'s changes, newest first'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "tenant" -d 'Manage the tenant directory: customers, their contacts and the regimes that apply to them'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "regimes" -d 'List the notification regimes sirt knows, or show one with its stages and sources'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "demo" -d 'Build a demo store and walk an incident through the process, showing each command'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "clone" -d 'Join a team\'s store: clone it from a git remote and check that this sirt can write to it'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "sync" -d 'Bring in the team\'s changes from the remote and push this clone\'s: fetch, merge, push'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "status" -d 'Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "completions" -d 'Print shell completions for sirt (bash, zsh, fish, powershell, elvish)'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "verify" -d 'Check the store\'s history: append-only, consistent, signed, not rewritten'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "upgrade" -d 'Move a store made before sirt 0.3.0 to the sharded layout, in one commit'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "export" -d 'Write an incident\'s evidence bundle for auditors (tar with a SHA-256 manifest)'
complete -c sirt -n "__fish_sirt_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand init" -l org -d 'The provider\'s name, as customers know it (signs every draft)' -r
complete -c sirt -n "__fish_sirt_using_subcommand init" -l sender -d 'The address drafts are sent from' -r
complete -c sirt -n "__fish_sirt_using_subcommand init" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand init" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand init" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand init" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand init" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -f -a "get" -d 'Print one setting\'s value (lists separated by commas)'
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -f -a "set" -d 'Change one setting and commit it; lists are given separated by commas'
complete -c sirt -n "__fish_sirt_using_subcommand config; and not __fish_seen_subcommand_from get set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from get" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from get" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from set" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from set" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting\'s value (lists separated by commas)'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change one setting and commit it; lists are given separated by commas'
complete -c sirt -n "__fish_sirt_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l severity -d 'How bad it is' -r -f -a "sev1\t''
sev2\t''
sev3\t''
sev4\t''"
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l source -d 'How it came to our attention' -r -f -a "monitoring\t''
customer-report\t''
internal-report\t''
external-report\t''
threat-intel\t''
audit\t''
other\t''"
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l started -d 'When the event itself began, if known (often learned later)' -r
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand detect" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand detect" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand detect" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand engage" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand engage" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand engage" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand engage" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand engage" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand engage" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand confirm" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand confirm" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand confirm" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand confirm" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand confirm" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand confirm" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -l reason -d 'Why it is not a security incident' -r
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand dismiss" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l effect -d 'What happened to customer data; repeat or separate with commas' -r -f -a "destruction\t''
loss\t''
alteration\t''
disclosure\t''
access\t''"
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l summary -d 'The impact in a sentence or two' -r
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand impact" -l none -d 'Customer data was not affected'
complete -c sirt -n "__fish_sirt_using_subcommand impact" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand impact" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand note" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand note" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand note" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand note" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand note" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand note" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l from-file -d 'Also read tenant ids from a file, one per line (\'#\' starts a comment; \'-\' is stdin)' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l detail -d 'A detail for these tenants\' drafts only, e.g. "3 mailboxes read"' -r
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l reason -d 'With --remove: why they are not affected (e.g. "added by mistake"), kept in the record' -r
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand affected" -l remove -d 'The tenants are not affected after all'
complete -c sirt -n "__fish_sirt_using_subcommand affected" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand affected" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand describe" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand describe" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand describe" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand describe" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand describe" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand describe" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand act" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand act" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand act" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand act" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand act" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand act" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand advise" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand advise" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand advise" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand advise" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand advise" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand advise" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand publish" -l text -d 'What the public reads: written for everyone, naming no customer (a later one replaces it)' -r
complete -c sirt -n "__fish_sirt_using_subcommand publish" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand publish" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand publish" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand publish" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand publish" -l off -d 'Take it off the dashboard'
complete -c sirt -n "__fish_sirt_using_subcommand publish" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand publish" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l tenant -d 'Only this tenant; repeat [default: every affected tenant]' -r
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l channel -d 'Only these channels; repeat or separate with commas [default: all]' -r -f -a "message-center\t''
email-admin\t''
email-privacy\t''
phone\t''
status-page\t'One public entry per incident: no tenant names, no customer data'"
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l out -d 'Write one file per tenant and channel under DIR, and print a summary' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l format -r -f -a "text\t''
markdown\t''
eml\t'RFC 5322 messages for the email channels (an mboxrd stream on stdout; other channels are written as text files with --out)'
json\t''"
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l force -d 'Replace the drafts an earlier run wrote to --out DIR'
complete -c sirt -n "__fish_sirt_using_subcommand notify" -l incomplete -d 'Render even though pieces are missing; each gap is marked in the text'
complete -c sirt -n "__fish_sirt_using_subcommand notify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand notify" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand contain" -l summary -d 'What was done' -r
complete -c sirt -n "__fish_sirt_using_subcommand contain" -l for-customers -d 'A sentence customers may read about this step (the summary stays internal)' -r
complete -c sirt -n "__fish_sirt_using_subcommand contain" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand contain" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand contain" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand contain" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand contain" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand contain" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l summary -d 'What was done' -r
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l vulnerability -d 'The vulnerability that let them in and how it was mitigated, or "unknown"' -r
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l approved-by -d 'The executive incident manager who approved it (someone engaged as eim)' -r
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l for-customers -d 'A sentence customers may read about this step (the summary stays internal)' -r
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand eradicate" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l summary -d 'What was done' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l last-known-good -d 'The last known good state of the service' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l restored-from -d 'What was restored, and from which backup' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l validated-by -d 'Who validated that no sign of the breach remains (the step that completes recovery)' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l for-customers -d 'A sentence customers may read about this step (the summary stays internal)' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l inspected -d 'The restored state was inspected for attack paths'
complete -c sirt -n "__fish_sirt_using_subcommand recover" -l monitoring -d 'Heightened monitoring is in place'
complete -c sirt -n "__fish_sirt_using_subcommand recover" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand recover" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand review" -l root-cause -d 'The root cause' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l went-well -d 'Something that went well; repeat' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l went-badly -d 'Something that did not; repeat' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l action -d 'An action item; repeat, with --owner (and --due) in the same order' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l owner -d 'The owner of each action item, in order' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l due -d 'Due dates (YYYY-MM-DD) of the action items, in order; fewer than items is fine' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand review" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand review" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand review" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand review" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -f -a "done" -d 'Mark an action item done'
complete -c sirt -n "__fish_sirt_using_subcommand action; and not __fish_seen_subcommand_from done help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from done" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from done" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from done" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from done" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from done" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from done" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "done" -d 'Mark an action item done'
complete -c sirt -n "__fish_sirt_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand close" -l reason -d 'Why it is closed without the usual checks' -r
complete -c sirt -n "__fish_sirt_using_subcommand close" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand close" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand close" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand close" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand close" -l force -d 'Close even though something is missing (needs --reason, kept on the timeline)'
complete -c sirt -n "__fish_sirt_using_subcommand close" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand close" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand edit" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand edit" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand edit" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand edit" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand edit" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand adopt" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand adopt" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand adopt" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand adopt" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand adopt" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand correct" -l at -d 'When it really happened' -r
complete -c sirt -n "__fish_sirt_using_subcommand correct" -l reason -d 'Why the record was wrong' -r
complete -c sirt -n "__fish_sirt_using_subcommand correct" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand correct" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand correct" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand correct" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand correct" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand retract" -l reason -d 'Why it is retracted' -r
complete -c sirt -n "__fish_sirt_using_subcommand retract" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand retract" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand retract" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand retract" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand retract" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand report" -l out -d 'Write report.md and timeline.svg into DIR (created if needed); a path ending in .md is written as that one file, without the SVG' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand report" -l tz -d 'Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like +01:00 [default: the local zone]' -r
complete -c sirt -n "__fish_sirt_using_subcommand report" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand report" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand report" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand report" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand report" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l since -d 'Only incidents detected at or after this time' -r
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l until -d 'Only incidents detected before this time' -r
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l chart -d 'Also write SVG charts into DIR (created if needed): the durations as distributions, and the share of tenants notified in time by month, with charts.md giving the same in words' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l format -r -f -a "table\t''
json\t''"
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand stats" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand stats" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand stats" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l via -d 'The channel it went out on' -r -f -a "message-center\t'A post in the tenant\'s admin-portal message center'
email-admin\t'Email to every administrator'
email-privacy\t'Email to the Global Privacy Contact'
phone\t'A call to an administrator by trained support staff'"
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l ref -d 'A reference to what was sent: message id, ticket, call log' -r
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand notified" -l all -d 'Every affected tenant (e.g. a message-center post that went out in bulk)'
complete -c sirt -n "__fish_sirt_using_subcommand notified" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand notified" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand classify" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand classify" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand classify" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand classify" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand classify" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand classify" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand filed" -l ref -d 'The authority\'s reference for the filing' -r
complete -c sirt -n "__fish_sirt_using_subcommand filed" -l at -d 'When the step really happened, if not now: 03:30, \'yesterday 14:00\', \'monday 09:15\', \'2h ago\', 2026-11-20T08:00:00Z and more (Times in the README)' -r
complete -c sirt -n "__fish_sirt_using_subcommand filed" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand filed" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand filed" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand filed" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand filed" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l incident -d 'Only this incident (any unique prefix of its id); it may be closed' -r
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l at -d 'As of this time instead of now (RFC 3339, \'YYYY-MM-DD HH:MM\', \'-2h\', \'2h ago\', …)' -r
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l tz -d 'Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like +01:00 [default: the local zone]' -r
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l all -d 'Include met and late clocks, and the tenants\' own clocks that are pending or past due'
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l check -d 'Exit with 3 when any of our clocks is overdue or at risk (for cron and runbooks)'
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l each -d 'In the table, one row per clock instead of one per group of tenants with the same due time'
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -l wide -d 'On a terminal, every column (who started each clock, and when) at full width instead of the compact view that fits the screen; piped output is always in full'
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand deadlines" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand list" -l severity -d 'Only these severities; repeat or separate with commas' -r -f -a "sev1\t''
sev2\t''
sev3\t''
sev4\t''"
complete -c sirt -n "__fish_sirt_using_subcommand list" -l phase -d 'Only incidents in these phases; repeat or separate with commas' -r -f -a "detected\t''
oce-engaged\t''
srt-engaged\t''
confirmed\t''
impact-determined\t''
tenants-determined\t''
notified\t''
closed\t''
dismissed\t''"
complete -c sirt -n "__fish_sirt_using_subcommand list" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand list" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand list" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand list" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand list" -l open -d 'Only open incidents [default]'
complete -c sirt -n "__fish_sirt_using_subcommand list" -l closed -d 'Only closed and dismissed incidents'
complete -c sirt -n "__fish_sirt_using_subcommand list" -l all -d 'Every incident'
complete -c sirt -n "__fish_sirt_using_subcommand list" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand list" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand show" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand show" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand show" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand show" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand show" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand show" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand timeline" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand timeline" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand timeline" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand timeline" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand timeline" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand timeline" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand history" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand history" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand history" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand history" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand history" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand history" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "add" -d 'Add a tenant to the directory'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "import" -d 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "export" -d 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "list" -d 'List the tenant directory'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "show" -d 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "set" -d 'Change a tenant: each flag given replaces that part of the record'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "remove" -d 'Remove a tenant from the directory; refused while an open incident names it'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "check" -d 'Show, for each tenant and channel, whether a notification can reach it, and why not'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and not __fish_seen_subcommand_from add import export list show set remove check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l name -d 'The tenant\'s name, as it appears in notifications' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l admin-email -d 'An administrator\'s email; repeat for each administrator' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l admin-name -d 'The administrators\' names, in the order of their emails; repeat' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l admin-phone -d 'The administrators\' phone numbers (E.164, e.g. +14155550123), in the order of their emails; repeat' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l privacy-email -d 'The Global Privacy Contact\'s email' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l privacy-name -d 'The Global Privacy Contact\'s name' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l region -d 'A region the tenant\'s data lives in; repeat or separate with commas' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l regime -d 'A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l notify-within -d 'A contractual notification limit shorter than the store\'s default, e.g. 24h' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l language -d 'The language of the tenant\'s drafts (de, fr, …); English where no templates exist for it' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l timezone -d 'The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -l dry-run -d 'Say what would change, tenant by tenant, and change nothing'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -l clear-empty -d 'Let an empty cell clear its field (without this, empty cells leave fields alone)'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from export" -l format -r -f -a "csv\t''
json\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from export" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from export" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from export" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from list" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from list" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from list" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from show" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from show" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from show" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from show" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l name -d 'A new name' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l admin-email -d 'An administrator\'s email; repeat for each administrator' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l admin-name -d 'The administrators\' names, in the order of their emails; repeat' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l admin-phone -d 'The administrators\' phone numbers (E.164, e.g. +14155550123), in the order of their emails; repeat' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l privacy-email -d 'The Global Privacy Contact\'s email' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l privacy-name -d 'The Global Privacy Contact\'s name' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l region -d 'A region the tenant\'s data lives in; repeat or separate with commas' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l regime -d 'A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l notify-within -d 'A contractual notification limit shorter than the store\'s default, e.g. 24h' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l language -d 'The language of the tenant\'s drafts (de, fr, …); English where no templates exist for it' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l timezone -d 'The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l clear -d 'Remove a part of the record; repeat' -r -f -a "privacy\t'The Global Privacy Contact'
notify-within\t'The contractual limit (back to the store\'s default)'
regions\t''
regimes\t''
admin-phones\t'Every administrator\'s phone number'
language\t'The drafts\' language (back to English)'
timezone\t'The time zone of customer-facing times (back to UTC)'"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from remove" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from remove" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from remove" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l check -d 'Exit with 3 when a tenant named in an open, confirmed incident cannot be reached by email'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l problems -d 'Only tenants that cannot be reached by email (administrators\' email)'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -l all-channels -d 'With --problems: also tenants missing an optional channel (privacy contact, phone)'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a tenant to the directory'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the tenant directory'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a tenant: each flag given replaces that part of the record'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a tenant from the directory; refused while an open incident names it'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "check" -d 'Show, for each tenant and channel, whether a notification can reach it, and why not'
complete -c sirt -n "__fish_sirt_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand regimes" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand regimes" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand regimes" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand regimes" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand regimes" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand regimes" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand demo" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand demo" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand demo" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand demo" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand demo" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand clone" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand clone" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand clone" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand clone" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand clone" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand sync" -l timeout -d 'Give up on the remote after this many seconds' -r
complete -c sirt -n "__fish_sirt_using_subcommand sync" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand sync" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand sync" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand sync" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand sync" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand status" -l format -r -f -a "text\t''
json\t''"
complete -c sirt -n "__fish_sirt_using_subcommand status" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand status" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand status" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand status" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand status" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand completions" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand completions" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand completions" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sirt -n "__fish_sirt_using_subcommand completions" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l since -d 'Check only the commits after REV; \'last\' means after the last tip this clone verified clean' -r
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l bundle -d 'Re-check an evidence bundle made by `sirt export ID --bundle FILE`; needs no store' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand verify" -l accept-rewrite -d 'Remember the current tip as verified even with findings (after a rewrite was looked into)'
complete -c sirt -n "__fish_sirt_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand verify" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand upgrade" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand upgrade" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand upgrade" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand upgrade" -l dry-run -d 'Say what would move, and change nothing'
complete -c sirt -n "__fish_sirt_using_subcommand upgrade" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand upgrade" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand export" -l bundle -d 'The archive to write (tar); check it later with: sirt verify --bundle FILE' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand export" -l store -d 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]' -r -F
complete -c sirt -n "__fish_sirt_using_subcommand export" -l actor -d 'Who is recording: \'Name <email>\' [default: $SIRT_ACTOR, else git\'s user.name/user.email]' -r
complete -c sirt -n "__fish_sirt_using_subcommand export" -l color -d 'When to colour the output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c sirt -n "__fish_sirt_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sirt -n "__fish_sirt_using_subcommand export" -s V -l version -d 'Print version'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "init" -d 'Create a store: a git repository holding the store\'s settings'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "config" -d 'Read or change the store\'s settings (sirt.toml)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "detect" -d 'Record a detected event; opens an incident and prints its id'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "engage" -d 'Record that someone is engaged on an incident in a role'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "confirm" -d 'Declare a security incident: customer data was affected. Starts the notification clock'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "dismiss" -d 'Close an event that turned out not to be a security incident'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "impact" -d 'Record the effect on customer data; a later assessment replaces the earlier one'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "note" -d 'Add a note to an incident\'s timeline'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "affected" -d 'Record which tenants an incident affects (or, with --remove, does not after all)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "describe" -d 'Record what happened, in words for customers; a later call replaces it (the history keeps both)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "act" -d 'Record an action the provider took; repeatable'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "advise" -d 'Record an action customers should take to resolve the issue or prevent it recurring; repeatable'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "publish" -d 'Mark an incident for the public service health dashboard, with the text the public reads there'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "notify" -d 'Render notification drafts for the affected tenants (changes nothing in the store)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "contain" -d 'Record containment: what was done to stop the intruder reaching more'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "eradicate" -d 'Record eradication: root cause removed, adversary evicted, the way in mitigated'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "recover" -d 'Record a step of recovery: last known good state, restore, inspection, monitoring, validation'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "review" -d 'Record the post-incident review: root cause, what went well and badly, action items'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "action" -d 'Work with the review\'s action items'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "close" -d 'Close an incident: needs every affected tenant notified (or a dismissal), validated recovery and a review'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "edit" -d 'Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "adopt" -d 'Record a hand edit of a store file as its own, marked change; an incident file may only gain events'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "correct" -d 'Correct the time of an earlier step; the original stays in the record'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "retract" -d 'Retract an earlier step that did not happen (a declaration, an assessment, …); the original stays in the record'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "report" -d 'Write the post-incident report (Markdown): summary, durations, a timeline diagram, the timeline, notifications, filings, review'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "stats" -d 'Metrics across incidents: counts, median and 90th percentile times, notifications in time'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "notified" -d 'Record that tenants were notified on a channel; stops their contract clocks'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "classify" -d 'Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "filed" -d 'Record that a regime\'s stage was filed with its authority'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "deadlines" -d 'Show every running clock of every open incident, most urgent first'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "list" -d 'List incidents (open ones unless told otherwise), newest first'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "show" -d 'Show an incident\'s current state'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "timeline" -d 'Show an incident\'s events in the order they happened'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "history" -d 'Show the commits that recorded an incident\'s changes, newest first'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "tenant" -d 'Manage the tenant directory: customers, their contacts and the regimes that apply to them'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "regimes" -d 'List the notification regimes sirt knows, or show one with its stages and sources'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "demo" -d 'Build a demo store and walk an incident through the process, showing each command'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "clone" -d 'Join a team\'s store: clone it from a git remote and check that this sirt can write to it'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "sync" -d 'Bring in the team\'s changes from the remote and push this clone\'s: fetch, merge, push'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "status" -d 'Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "completions" -d 'Print shell completions for sirt (bash, zsh, fish, powershell, elvish)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "verify" -d 'Check the store\'s history: append-only, consistent, signed, not rewritten'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "upgrade" -d 'Move a store made before sirt 0.3.0 to the sharded layout, in one commit'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "export" -d 'Write an incident\'s evidence bundle for auditors (tar with a SHA-256 manifest)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and not __fish_seen_subcommand_from init config detect engage confirm dismiss impact note affected describe act advise publish notify contain eradicate recover review action close edit adopt correct retract report stats notified classify filed deadlines list show timeline history tenant regimes demo clone sync status completions verify upgrade export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one setting\'s value (lists separated by commas)'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Change one setting and commit it; lists are given separated by commas'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "done" -d 'Mark an action item done'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "add" -d 'Add a tenant to the directory'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "import" -d 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "export" -d 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "list" -d 'List the tenant directory'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "show" -d 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "set" -d 'Change a tenant: each flag given replaces that part of the record'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "remove" -d 'Remove a tenant from the directory; refused while an open incident names it'
complete -c sirt -n "__fish_sirt_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "check" -d 'Show, for each tenant and channel, whether a notification can reach it, and why not'
