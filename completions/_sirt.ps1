
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
            [CompletionResult]::new('detect', 'detect', [CompletionResultType]::ParameterValue, 'Record a detected event; opens an incident and prints its id')
            [CompletionResult]::new('engage', 'engage', [CompletionResultType]::ParameterValue, 'Record that someone is engaged on an incident in a role')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Declare a security incident: customer data was affected. Starts the notification clock')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Close an event that turned out not to be a security incident')
            [CompletionResult]::new('impact', 'impact', [CompletionResultType]::ParameterValue, 'Record the effect on customer data; a later assessment replaces the earlier one')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an incident''s timeline')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (open ones unless told otherwise), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an incident''s current state')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Show an incident''s events in the order they happened')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the commits that recorded an incident''s changes, newest first')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Build a demo store and walk an incident through the process, showing each command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;init' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sirt;detect' {
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'How bad it is')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'How it came to our attention')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When the event itself began, if known (often learned later)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago''')
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
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago''')
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
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago''')
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
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago''')
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
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago''')
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
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago''')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output (NO_COLOR is honoured with auto)')
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
        'sirt;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a store: a git repository holding the store''s settings')
            [CompletionResult]::new('detect', 'detect', [CompletionResultType]::ParameterValue, 'Record a detected event; opens an incident and prints its id')
            [CompletionResult]::new('engage', 'engage', [CompletionResultType]::ParameterValue, 'Record that someone is engaged on an incident in a role')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Declare a security incident: customer data was affected. Starts the notification clock')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Close an event that turned out not to be a security incident')
            [CompletionResult]::new('impact', 'impact', [CompletionResultType]::ParameterValue, 'Record the effect on customer data; a later assessment replaces the earlier one')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an incident''s timeline')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (open ones unless told otherwise), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an incident''s current state')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Show an incident''s events in the order they happened')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the commits that recorded an incident''s changes, newest first')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Build a demo store and walk an incident through the process, showing each command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sirt;help;init' {
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
        'sirt;help;demo' {
            break
        }
        'sirt;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
