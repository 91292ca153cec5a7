
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sirt' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sirt'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sirt' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a store: a git repository holding the store''s settings')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read or change the store''s settings (sirt.toml)')
            [CompletionResult]::new('detect', 'detect', [CompletionResultType]::ParameterValue, 'Record a detected event; opens an incident and prints its id')
            [CompletionResult]::new('engage', 'engage', [CompletionResultType]::ParameterValue, 'Record that someone is engaged on an incident in a role')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Declare a security incident: customer data was affected. Starts the notification clock')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Close an event that turned out not to be a security incident')
            [CompletionResult]::new('impact', 'impact', [CompletionResultType]::ParameterValue, 'Record the effect on customer data; a later assessment replaces the earlier one')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an incident''s timeline')
            [CompletionResult]::new('affected', 'affected', [CompletionResultType]::ParameterValue, 'Record which tenants an incident affects (or, with --remove, does not after all)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Record what happened, in words for customers; a later call replaces it (the history keeps both)')
            [CompletionResult]::new('act', 'act', [CompletionResultType]::ParameterValue, 'Record an action the provider took; repeatable')
            [CompletionResult]::new('advise', 'advise', [CompletionResultType]::ParameterValue, 'Record an action customers should take to resolve the issue or prevent it recurring; repeatable')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Mark an incident for the public service health dashboard, with the text the public reads there')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Render notification drafts for the affected tenants (changes nothing in the store)')
            [CompletionResult]::new('contain', 'contain', [CompletionResultType]::ParameterValue, 'Record containment: what was done to stop the intruder reaching more')
            [CompletionResult]::new('eradicate', 'eradicate', [CompletionResultType]::ParameterValue, 'Record eradication: root cause removed, adversary evicted, the way in mitigated')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Record a step of recovery: last known good state, restore, inspection, monitoring, validation')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Record the post-incident review: root cause, what went well and badly, action items')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'Work with the review''s action items')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close an incident: needs every affected tenant notified (or a dismissal), validated recovery and a review')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit')
            [CompletionResult]::new('adopt', 'adopt', [CompletionResultType]::ParameterValue, 'Record a hand edit of a store file as its own, marked change; an incident file may only gain events')
            [CompletionResult]::new('correct', 'correct', [CompletionResultType]::ParameterValue, 'Correct the time of an earlier step; the original stays in the record')
            [CompletionResult]::new('retract', 'retract', [CompletionResultType]::ParameterValue, 'Retract an earlier step that did not happen (a declaration, an assessment, …); the original stays in the record')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write the post-incident report (Markdown): summary, durations, a timeline diagram, the timeline, notifications, filings, review')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Metrics across incidents: counts, median and 90th percentile times, notifications in time')
            [CompletionResult]::new('notified', 'notified', [CompletionResultType]::ParameterValue, 'Record that tenants were notified on a channel; stops their contract clocks')
            [CompletionResult]::new('classify', 'classify', [CompletionResultType]::ParameterValue, 'Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major')
            [CompletionResult]::new('filed', 'filed', [CompletionResultType]::ParameterValue, 'Record that a regime''s stage was filed with its authority')
            [CompletionResult]::new('deadlines', 'deadlines', [CompletionResultType]::ParameterValue, 'Show every running clock of every open incident, most urgent first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (open ones unless told otherwise), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an incident''s current state')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Show an incident''s events in the order they happened')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the commits that recorded an incident''s changes, newest first')
            [CompletionResult]::new('tenant', 'tenant', [CompletionResultType]::ParameterValue, 'Manage the tenant directory: customers, their contacts and the regimes that apply to them')
            [CompletionResult]::new('regimes', 'regimes', [CompletionResultType]::ParameterValue, 'List the notification regimes sirt knows, or show one with its stages and sources')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Build a demo store and walk an incident through the process, showing each command')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Join a team''s store: clone it from a git remote and check that this sirt can write to it')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Bring in the team''s changes from the remote and push this clone''s: fetch, merge, push')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for sirt (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the store''s history: append-only, consistent, signed, not rewritten')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a store made before sirt 0.3.0 to the sharded layout, in one commit')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write an incident''s evidence bundle for auditors (tar with a SHA-256 manifest)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;init' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The provider''s name, as customers know it (signs every draft)')
            [CompletionResult]::new('--sender', '--sender', [CompletionResultType]::ParameterName, 'The address drafts are sent from')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;config' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s value (lists separated by commas)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting and commit it; lists are given separated by commas')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;config;get' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;config;set' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;config;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s value (lists separated by commas)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting and commit it; lists are given separated by commas')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;config;help;get' {
            break
        }
        'sirt;config;help;set' {
            break
        }
        'sirt;config;help;help' {
            break
        }
        'sirt;detect' {
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'How bad it is')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'How it came to our attention')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When the event itself began, if known (often learned later)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;engage' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;confirm' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;dismiss' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is not a security incident')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;impact' {
            [CompletionResult]::new('--effect', '--effect', [CompletionResultType]::ParameterName, 'What happened to customer data; repeat or separate with commas')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'The impact in a sentence or two')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--none', '--none', [CompletionResultType]::ParameterName, 'Customer data was not affected')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;note' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;affected' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Also read tenant ids from a file, one per line (''#'' starts a comment; ''-'' is stdin)')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'A detail for these tenants'' drafts only, e.g. "3 mailboxes read"')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'With --remove: why they are not affected (e.g. "added by mistake"), kept in the record')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'The tenants are not affected after all')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;describe' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;act' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;advise' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;publish' {
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'What the public reads: written for everyone, naming no customer (a later one replaces it)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--off', '--off', [CompletionResultType]::ParameterName, 'Take it off the dashboard')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;notify' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only this tenant; repeat [default: every affected tenant]')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only these channels; repeat or separate with commas [default: all]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write one file per tenant and channel under DIR, and print a summary')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the drafts an earlier run wrote to --out DIR')
            [CompletionResult]::new('--incomplete', '--incomplete', [CompletionResultType]::ParameterName, 'Render even though pieces are missing; each gap is marked in the text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;contain' {
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'What was done')
            [CompletionResult]::new('--for-customers', '--for-customers', [CompletionResultType]::ParameterName, 'A sentence customers may read about this step (the summary stays internal)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;eradicate' {
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'What was done')
            [CompletionResult]::new('--vulnerability', '--vulnerability', [CompletionResultType]::ParameterName, 'The vulnerability that let them in and how it was mitigated, or "unknown"')
            [CompletionResult]::new('--approved-by', '--approved-by', [CompletionResultType]::ParameterName, 'The executive incident manager who approved it (someone engaged as eim)')
            [CompletionResult]::new('--for-customers', '--for-customers', [CompletionResultType]::ParameterName, 'A sentence customers may read about this step (the summary stays internal)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;recover' {
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'What was done')
            [CompletionResult]::new('--last-known-good', '--last-known-good', [CompletionResultType]::ParameterName, 'The last known good state of the service')
            [CompletionResult]::new('--restored-from', '--restored-from', [CompletionResultType]::ParameterName, 'What was restored, and from which backup')
            [CompletionResult]::new('--validated-by', '--validated-by', [CompletionResultType]::ParameterName, 'Who validated that no sign of the breach remains (the step that completes recovery)')
            [CompletionResult]::new('--for-customers', '--for-customers', [CompletionResultType]::ParameterName, 'A sentence customers may read about this step (the summary stays internal)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--inspected', '--inspected', [CompletionResultType]::ParameterName, 'The restored state was inspected for attack paths')
            [CompletionResult]::new('--monitoring', '--monitoring', [CompletionResultType]::ParameterName, 'Heightened monitoring is in place')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;review' {
            [CompletionResult]::new('--root-cause', '--root-cause', [CompletionResultType]::ParameterName, 'The root cause')
            [CompletionResult]::new('--went-well', '--went-well', [CompletionResultType]::ParameterName, 'Something that went well; repeat')
            [CompletionResult]::new('--went-badly', '--went-badly', [CompletionResultType]::ParameterName, 'Something that did not; repeat')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'An action item; repeat, with --owner (and --due) in the same order')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'The owner of each action item, in order')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Due dates (YYYY-MM-DD) of the action items, in order; fewer than items is fine')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;action' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark an action item done')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;action;done' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;action;help' {
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark an action item done')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;action;help;done' {
            break
        }
        'sirt;action;help;help' {
            break
        }
        'sirt;close' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is closed without the usual checks')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Close even though something is missing (needs --reason, kept on the timeline)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;edit' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;adopt' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;correct' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it really happened')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the record was wrong')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;retract' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is retracted')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;report' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write report.md and timeline.svg into DIR (created if needed); a path ending in .md is written as that one file, without the SVG')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like +01:00 [default: the local zone]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;stats' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only incidents detected at or after this time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only incidents detected before this time')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Also write SVG charts into DIR (created if needed): the durations as distributions, and the share of tenants notified in time by month, with charts.md giving the same in words')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;notified' {
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'The channel it went out on')
            [CompletionResult]::new('--ref', '--ref', [CompletionResultType]::ParameterName, 'A reference to what was sent: message id, ticket, call log')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every affected tenant (e.g. a message-center post that went out in bulk)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;classify' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;filed' {
            [CompletionResult]::new('--ref', '--ref', [CompletionResultType]::ParameterName, 'The authority''s reference for the filing')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;deadlines' {
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'Only this incident (any unique prefix of its id); it may be closed')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'As of this time instead of now (RFC 3339, ''YYYY-MM-DD HH:MM'', ''-2h'', ''2h ago'', …)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like +01:00 [default: the local zone]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include met and late clocks, and the tenants'' own clocks that are pending or past due')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit with 3 when any of our clocks is overdue or at risk (for cron and runbooks)')
            [CompletionResult]::new('--each', '--each', [CompletionResultType]::ParameterName, 'In the table, one row per clock instead of one per group of tenants with the same due time')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, every column (who started each clock, and when) at full width instead of the compact view that fits the screen; piped output is always in full')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;list' {
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Only these severities; repeat or separate with commas')
            [CompletionResult]::new('--phase', '--phase', [CompletionResultType]::ParameterName, 'Only incidents in these phases; repeat or separate with commas')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Only open incidents [default]')
            [CompletionResult]::new('--closed', '--closed', [CompletionResultType]::ParameterName, 'Only closed and dismissed incidents')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every incident')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;timeline' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;history' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a tenant to the directory')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tenant directory')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a tenant: each flag given replaces that part of the record')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a tenant from the directory; refused while an open incident names it')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Show, for each tenant and channel, whether a notification can reach it, and why not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;tenant;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The tenant''s name, as it appears in notifications')
            [CompletionResult]::new('--admin-email', '--admin-email', [CompletionResultType]::ParameterName, 'An administrator''s email; repeat for each administrator')
            [CompletionResult]::new('--admin-name', '--admin-name', [CompletionResultType]::ParameterName, 'The administrators'' names, in the order of their emails; repeat')
            [CompletionResult]::new('--admin-phone', '--admin-phone', [CompletionResultType]::ParameterName, 'The administrators'' phone numbers (E.164, e.g. +14155550123), in the order of their emails; repeat')
            [CompletionResult]::new('--privacy-email', '--privacy-email', [CompletionResultType]::ParameterName, 'The Global Privacy Contact''s email')
            [CompletionResult]::new('--privacy-name', '--privacy-name', [CompletionResultType]::ParameterName, 'The Global Privacy Contact''s name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'A region the tenant''s data lives in; repeat or separate with commas')
            [CompletionResult]::new('--regime', '--regime', [CompletionResultType]::ParameterName, 'A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas')
            [CompletionResult]::new('--notify-within', '--notify-within', [CompletionResultType]::ParameterName, 'A contractual notification limit shorter than the store''s default, e.g. 24h')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'The language of the tenant''s drafts (de, fr, …); English where no templates exist for it')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;import' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would change, tenant by tenant, and change nothing')
            [CompletionResult]::new('--clear-empty', '--clear-empty', [CompletionResultType]::ParameterName, 'Let an empty cell clear its field (without this, empty cells leave fields alone)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;set' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A new name')
            [CompletionResult]::new('--admin-email', '--admin-email', [CompletionResultType]::ParameterName, 'An administrator''s email; repeat for each administrator')
            [CompletionResult]::new('--admin-name', '--admin-name', [CompletionResultType]::ParameterName, 'The administrators'' names, in the order of their emails; repeat')
            [CompletionResult]::new('--admin-phone', '--admin-phone', [CompletionResultType]::ParameterName, 'The administrators'' phone numbers (E.164, e.g. +14155550123), in the order of their emails; repeat')
            [CompletionResult]::new('--privacy-email', '--privacy-email', [CompletionResultType]::ParameterName, 'The Global Privacy Contact''s email')
            [CompletionResult]::new('--privacy-name', '--privacy-name', [CompletionResultType]::ParameterName, 'The Global Privacy Contact''s name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'A region the tenant''s data lives in; repeat or separate with commas')
            [CompletionResult]::new('--regime', '--regime', [CompletionResultType]::ParameterName, 'A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas')
            [CompletionResult]::new('--notify-within', '--notify-within', [CompletionResultType]::ParameterName, 'A contractual notification limit shorter than the store''s default, e.g. 24h')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'The language of the tenant''s drafts (de, fr, …); English where no templates exist for it')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Remove a part of the record; repeat')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;remove' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit with 3 when a tenant named in an open, confirmed incident cannot be reached by email')
            [CompletionResult]::new('--problems', '--problems', [CompletionResultType]::ParameterName, 'Only tenants that cannot be reached by email (administrators'' email)')
            [CompletionResult]::new('--all-channels', '--all-channels', [CompletionResultType]::ParameterName, 'With --problems: also tenants missing an optional channel (privacy contact, phone)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;tenant;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a tenant to the directory')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tenant directory')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a tenant: each flag given replaces that part of the record')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a tenant from the directory; refused while an open incident names it')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Show, for each tenant and channel, whether a notification can reach it, and why not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;tenant;help;add' {
            break
        }
        'sirt;tenant;help;import' {
            break
        }
        'sirt;tenant;help;export' {
            break
        }
        'sirt;tenant;help;list' {
            break
        }
        'sirt;tenant;help;show' {
            break
        }
        'sirt;tenant;help;set' {
            break
        }
        'sirt;tenant;help;remove' {
            break
        }
        'sirt;tenant;help;check' {
            break
        }
        'sirt;tenant;help;help' {
            break
        }
        'sirt;regimes' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;demo' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;clone' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;sync' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the remote after this many seconds')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;status' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;completions' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;verify' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Check only the commits after REV; ''last'' means after the last tip this clone verified clean')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Re-check an evidence bundle made by `sirt export ID --bundle FILE`; needs no store')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--accept-rewrite', '--accept-rewrite', [CompletionResultType]::ParameterName, 'Remember the current tip as verified even with findings (after a rewrite was looked into)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;upgrade' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would move, and change nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;export' {
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'The archive to write (tar); check it later with: sirt verify --bundle FILE')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a store: a git repository holding the store''s settings')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read or change the store''s settings (sirt.toml)')
            [CompletionResult]::new('detect', 'detect', [CompletionResultType]::ParameterValue, 'Record a detected event; opens an incident and prints its id')
            [CompletionResult]::new('engage', 'engage', [CompletionResultType]::ParameterValue, 'Record that someone is engaged on an incident in a role')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Declare a security incident: customer data was affected. Starts the notification clock')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Close an event that turned out not to be a security incident')
            [CompletionResult]::new('impact', 'impact', [CompletionResultType]::ParameterValue, 'Record the effect on customer data; a later assessment replaces the earlier one')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an incident''s timeline')
            [CompletionResult]::new('affected', 'affected', [CompletionResultType]::ParameterValue, 'Record which tenants an incident affects (or, with --remove, does not after all)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Record what happened, in words for customers; a later call replaces it (the history keeps both)')
            [CompletionResult]::new('act', 'act', [CompletionResultType]::ParameterValue, 'Record an action the provider took; repeatable')
            [CompletionResult]::new('advise', 'advise', [CompletionResultType]::ParameterValue, 'Record an action customers should take to resolve the issue or prevent it recurring; repeatable')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Mark an incident for the public service health dashboard, with the text the public reads there')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Render notification drafts for the affected tenants (changes nothing in the store)')
            [CompletionResult]::new('contain', 'contain', [CompletionResultType]::ParameterValue, 'Record containment: what was done to stop the intruder reaching more')
            [CompletionResult]::new('eradicate', 'eradicate', [CompletionResultType]::ParameterValue, 'Record eradication: root cause removed, adversary evicted, the way in mitigated')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Record a step of recovery: last known good state, restore, inspection, monitoring, validation')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Record the post-incident review: root cause, what went well and badly, action items')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'Work with the review''s action items')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close an incident: needs every affected tenant notified (or a dismissal), validated recovery and a review')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit')
            [CompletionResult]::new('adopt', 'adopt', [CompletionResultType]::ParameterValue, 'Record a hand edit of a store file as its own, marked change; an incident file may only gain events')
            [CompletionResult]::new('correct', 'correct', [CompletionResultType]::ParameterValue, 'Correct the time of an earlier step; the original stays in the record')
            [CompletionResult]::new('retract', 'retract', [CompletionResultType]::ParameterValue, 'Retract an earlier step that did not happen (a declaration, an assessment, …); the original stays in the record')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write the post-incident report (Markdown): summary, durations, a timeline diagram, the timeline, notifications, filings, review')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Metrics across incidents: counts, median and 90th percentile times, notifications in time')
            [CompletionResult]::new('notified', 'notified', [CompletionResultType]::ParameterValue, 'Record that tenants were notified on a channel; stops their contract clocks')
            [CompletionResult]::new('classify', 'classify', [CompletionResultType]::ParameterValue, 'Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major')
            [CompletionResult]::new('filed', 'filed', [CompletionResultType]::ParameterValue, 'Record that a regime''s stage was filed with its authority')
            [CompletionResult]::new('deadlines', 'deadlines', [CompletionResultType]::ParameterValue, 'Show every running clock of every open incident, most urgent first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (open ones unless told otherwise), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an incident''s current state')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Show an incident''s events in the order they happened')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the commits that recorded an incident''s changes, newest first')
            [CompletionResult]::new('tenant', 'tenant', [CompletionResultType]::ParameterValue, 'Manage the tenant directory: customers, their contacts and the regimes that apply to them')
            [CompletionResult]::new('regimes', 'regimes', [CompletionResultType]::ParameterValue, 'List the notification regimes sirt knows, or show one with its stages and sources')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Build a demo store and walk an incident through the process, showing each command')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Join a team''s store: clone it from a git remote and check that this sirt can write to it')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Bring in the team''s changes from the remote and push this clone''s: fetch, merge, push')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for sirt (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the store''s history: append-only, consistent, signed, not rewritten')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a store made before sirt 0.3.0 to the sharded layout, in one commit')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write an incident''s evidence bundle for auditors (tar with a SHA-256 manifest)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;help;init' {
            break
        }
        'sirt;help;config' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s value (lists separated by commas)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting and commit it; lists are given separated by commas')
            break
        }
        'sirt;help;config;get' {
            break
        }
        'sirt;help;config;set' {
            break
        }
        'sirt;help;detect' {
            break
        }
        'sirt;help;engage' {
            break
        }
        'sirt;help;confirm' {
            break
        }
        'sirt;help;dismiss' {
            break
        }
        'sirt;help;impact' {
            break
        }
        'sirt;help;note' {
            break
        }
        'sirt;help;affected' {
            break
        }
        'sirt;help;describe' {
            break
        }
        'sirt;help;act' {
            break
        }
        'sirt;help;advise' {
            break
        }
        'sirt;help;publish' {
            break
        }
        'sirt;help;notify' {
            break
        }
        'sirt;help;contain' {
            break
        }
        'sirt;help;eradicate' {
            break
        }
        'sirt;help;recover' {
            break
        }
        'sirt;help;review' {
            break
        }
        'sirt;help;action' {
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark an action item done')
            break
        }
        'sirt;help;action;done' {
            break
        }
        'sirt;help;close' {
            break
        }
        'sirt;help;edit' {
            break
        }
        'sirt;help;adopt' {
            break
        }
        'sirt;help;correct' {
            break
        }
        'sirt;help;retract' {
            break
        }
        'sirt;help;report' {
            break
        }
        'sirt;help;stats' {
            break
        }
        'sirt;help;notified' {
            break
        }
        'sirt;help;classify' {
            break
        }
        'sirt;help;filed' {
            break
        }
        'sirt;help;deadlines' {
            break
        }
        'sirt;help;list' {
            break
        }
        'sirt;help;show' {
            break
        }
        'sirt;help;timeline' {
            break
        }
        'sirt;help;history' {
            break
        }
        'sirt;help;tenant' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a tenant to the directory')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tenant directory')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a tenant: each flag given replaces that part of the record')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a tenant from the directory; refused while an open incident names it')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Show, for each tenant and channel, whether a notification can reach it, and why not')
            break
        }
        'sirt;help;tenant;add' {
            break
        }
        'sirt;help;tenant;import' {
            break
        }
        'sirt;help;tenant;export' {
            break
        }
        'sirt;help;tenant;list' {
            break
        }
        'sirt;help;tenant;show' {
            break
        }
        'sirt;help;tenant;set' {
            break
        }
        'sirt;help;tenant;remove' {
            break
        }
        'sirt;help;tenant;check' {
            break
        }
        'sirt;help;regimes' {
            break
        }
        'sirt;help;demo' {
            break
        }
        'sirt;help;clone' {
            break
        }
        'sirt;help;sync' {
            break
        }
        'sirt;help;status' {
            break
        }
        'sirt;help;completions' {
            break
        }
        'sirt;help;verify' {
            break
        }
        'sirt;help;upgrade' {
            break
        }
        'sirt;help;export' {
            break
        }
        'sirt;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
