
use builtin;
use str;

set edit:completion:arg-completer[sirt] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sirt'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sirt'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a store: a git repository holding the store''s settings'
            cand detect 'Record a detected event; opens an incident and prints its id'
            cand engage 'Record that someone is engaged on an incident in a role'
            cand confirm 'Declare a security incident: customer data was affected. Starts the notification clock'
            cand dismiss 'Close an event that turned out not to be a security incident'
            cand impact 'Record the effect on customer data; a later assessment replaces the earlier one'
            cand note 'Add a note to an incident''s timeline'
            cand list 'List incidents (open ones unless told otherwise), newest first'
            cand show 'Show an incident''s current state'
            cand timeline 'Show an incident''s events in the order they happened'
            cand history 'Show the commits that recorded an incident''s changes, newest first'
            cand demo 'Build a demo store and walk an incident through the process, showing each command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;init'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;detect'= {
            cand --severity 'How bad it is'
            cand --source 'How it came to our attention'
            cand --started 'When the event itself began, if known (often learned later)'
            cand --at 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago'''
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;engage'= {
            cand --at 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago'''
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;confirm'= {
            cand --at 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago'''
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;dismiss'= {
            cand --reason 'Why it is not a security incident'
            cand --at 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago'''
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;impact'= {
            cand --effect 'What happened to customer data; repeat or separate with commas'
            cand --summary 'The impact in a sentence or two'
            cand --at 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago'''
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --none 'Customer data was not affected'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;note'= {
            cand --at 'When the step really happened, if not now: RFC 3339, local ''YYYY-MM-DD HH:MM'', ''now'', ''-2h'' or ''2h ago'''
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;list'= {
            cand --severity 'Only these severities; repeat or separate with commas'
            cand --phase 'Only incidents in these phases; repeat or separate with commas'
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --open 'Only open incidents [default]'
            cand --closed 'Only closed and dismissed incidents'
            cand --all 'Every incident'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;show'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;timeline'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;history'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;demo'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;help'= {
            cand init 'Create a store: a git repository holding the store''s settings'
            cand detect 'Record a detected event; opens an incident and prints its id'
            cand engage 'Record that someone is engaged on an incident in a role'
            cand confirm 'Declare a security incident: customer data was affected. Starts the notification clock'
            cand dismiss 'Close an event that turned out not to be a security incident'
            cand impact 'Record the effect on customer data; a later assessment replaces the earlier one'
            cand note 'Add a note to an incident''s timeline'
            cand list 'List incidents (open ones unless told otherwise), newest first'
            cand show 'Show an incident''s current state'
            cand timeline 'Show an incident''s events in the order they happened'
            cand history 'Show the commits that recorded an incident''s changes, newest first'
            cand demo 'Build a demo store and walk an incident through the process, showing each command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;help;init'= {
        }
        &'sirt;help;detect'= {
        }
        &'sirt;help;engage'= {
        }
        &'sirt;help;confirm'= {
        }
        &'sirt;help;dismiss'= {
        }
        &'sirt;help;impact'= {
        }
        &'sirt;help;note'= {
        }
        &'sirt;help;list'= {
        }
        &'sirt;help;show'= {
        }
        &'sirt;help;timeline'= {
        }
        &'sirt;help;history'= {
        }
        &'sirt;help;demo'= {
        }
        &'sirt;help;help'= {
        }
    ]
    $completions[$command]
}
