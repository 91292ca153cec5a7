
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
            cand config 'Read or change the store''s settings (sirt.toml)'
            cand detect 'Record a detected event; opens an incident and prints its id'
            cand engage 'Record that someone is engaged on an incident in a role'
            cand confirm 'Declare a security incident: customer data was affected. Starts the notification clock'
            cand dismiss 'Close an event that turned out not to be a security incident'
            cand impact 'Record the effect on customer data; a later assessment replaces the earlier one'
            cand note 'Add a note to an incident''s timeline'
            cand affected 'Record which tenants an incident affects (or, with --remove, does not after all)'
            cand describe 'Record what happened, in words for customers; a later call replaces it (the history keeps both)'
            cand act 'Record an action the provider took; repeatable'
            cand advise 'Record an action customers should take to resolve the issue or prevent it recurring; repeatable'
            cand publish 'Mark an incident for the public service health dashboard, with the text the public reads there'
            cand notify 'Render notification drafts for the affected tenants (changes nothing in the store)'
            cand contain 'Record containment: what was done to stop the intruder reaching more'
            cand eradicate 'Record eradication: root cause removed, adversary evicted, the way in mitigated'
            cand recover 'Record a step of recovery: last known good state, restore, inspection, monitoring, validation'
            cand review 'Record the post-incident review: root cause, what went well and badly, action items'
            cand action 'Work with the review''s action items'
            cand close 'Close an incident: needs every affected tenant notified (or a dismissal), validated recovery and a review'
            cand edit 'Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit'
            cand adopt 'Record a hand edit of a store file as its own, marked change; an incident file may only gain events'
            cand correct 'Correct the time of an earlier step; the original stays in the record'
            cand retract 'Retract an earlier step that did not happen (a declaration, an assessment, …); the original stays in the record'
            cand report 'Write the post-incident report (Markdown): summary, durations, a timeline diagram, the timeline, notifications, filings, review'
            cand stats 'Metrics across incidents: counts, median and 90th percentile times, notifications in time'
            cand notified 'Record that tenants were notified on a channel; stops their contract clocks'
            cand classify 'Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major'
            cand filed 'Record that a regime''s stage was filed with its authority'
            cand deadlines 'Show every running clock of every open incident, most urgent first'
            cand list 'List incidents (open ones unless told otherwise), newest first'
            cand show 'Show an incident''s current state'
            cand timeline 'Show an incident''s events in the order they happened'
            cand history 'Show the commits that recorded an incident''s changes, newest first'
            cand tenant 'Manage the tenant directory: customers, their contacts and the regimes that apply to them'
            cand regimes 'List the notification regimes sirt knows, or show one with its stages and sources'
            cand demo 'Build a demo store and walk an incident through the process, showing each command'
            cand clone 'Join a team''s store: clone it from a git remote and check that this sirt can write to it'
            cand sync 'Bring in the team''s changes from the remote and push this clone''s: fetch, merge, push'
            cand status 'Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean'
            cand completions 'Print shell completions for sirt (bash, zsh, fish, powershell, elvish)'
            cand verify 'Check the store''s history: append-only, consistent, signed, not rewritten'
            cand upgrade 'Move a store made before sirt 0.3.0 to the sharded layout, in one commit'
            cand export 'Write an incident''s evidence bundle for auditors (tar with a SHA-256 manifest)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;init'= {
            cand --org 'The provider''s name, as customers know it (signs every draft)'
            cand --sender 'The address drafts are sent from'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;config'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Print one setting''s value (lists separated by commas)'
            cand set 'Change one setting and commit it; lists are given separated by commas'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;config;get'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;config;set'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;config;help'= {
            cand get 'Print one setting''s value (lists separated by commas)'
            cand set 'Change one setting and commit it; lists are given separated by commas'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;config;help;get'= {
        }
        &'sirt;config;help;set'= {
        }
        &'sirt;config;help;help'= {
        }
        &'sirt;detect'= {
            cand --severity 'How bad it is'
            cand --source 'How it came to our attention'
            cand --started 'When the event itself began, if known (often learned later)'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;engage'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;confirm'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
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
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
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
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
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
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;affected'= {
            cand --from-file 'Also read tenant ids from a file, one per line (''#'' starts a comment; ''-'' is stdin)'
            cand --detail 'A detail for these tenants'' drafts only, e.g. "3 mailboxes read"'
            cand --reason 'With --remove: why they are not affected (e.g. "added by mistake"), kept in the record'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --remove 'The tenants are not affected after all'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;describe'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;act'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;advise'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;publish'= {
            cand --text 'What the public reads: written for everyone, naming no customer (a later one replaces it)'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --off 'Take it off the dashboard'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;notify'= {
            cand --tenant 'Only this tenant; repeat [default: every affected tenant]'
            cand --channel 'Only these channels; repeat or separate with commas [default: all]'
            cand --out 'Write one file per tenant and channel under DIR, and print a summary'
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --force 'Replace the drafts an earlier run wrote to --out DIR'
            cand --incomplete 'Render even though pieces are missing; each gap is marked in the text'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;contain'= {
            cand --summary 'What was done'
            cand --for-customers 'A sentence customers may read about this step (the summary stays internal)'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;eradicate'= {
            cand --summary 'What was done'
            cand --vulnerability 'The vulnerability that let them in and how it was mitigated, or "unknown"'
            cand --approved-by 'The executive incident manager who approved it (someone engaged as eim)'
            cand --for-customers 'A sentence customers may read about this step (the summary stays internal)'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;recover'= {
            cand --summary 'What was done'
            cand --last-known-good 'The last known good state of the service'
            cand --restored-from 'What was restored, and from which backup'
            cand --validated-by 'Who validated that no sign of the breach remains (the step that completes recovery)'
            cand --for-customers 'A sentence customers may read about this step (the summary stays internal)'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --inspected 'The restored state was inspected for attack paths'
            cand --monitoring 'Heightened monitoring is in place'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;review'= {
            cand --root-cause 'The root cause'
            cand --went-well 'Something that went well; repeat'
            cand --went-badly 'Something that did not; repeat'
            cand --action 'An action item; repeat, with --owner (and --due) in the same order'
            cand --owner 'The owner of each action item, in order'
            cand --due 'Due dates (YYYY-MM-DD) of the action items, in order; fewer than items is fine'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;action'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand done 'Mark an action item done'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;action;done'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;action;help'= {
            cand done 'Mark an action item done'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;action;help;done'= {
        }
        &'sirt;action;help;help'= {
        }
        &'sirt;close'= {
            cand --reason 'Why it is closed without the usual checks'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --force 'Close even though something is missing (needs --reason, kept on the timeline)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;edit'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;adopt'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;correct'= {
            cand --at 'When it really happened'
            cand --reason 'Why the record was wrong'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;retract'= {
            cand --reason 'Why it is retracted'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;report'= {
            cand --out 'Write report.md and timeline.svg into DIR (created if needed); a path ending in .md is written as that one file, without the SVG'
            cand --tz 'Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like +01:00 [default: the local zone]'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;stats'= {
            cand --since 'Only incidents detected at or after this time'
            cand --until 'Only incidents detected before this time'
            cand --chart 'Also write SVG charts into DIR (created if needed): the durations as distributions, and the share of tenants notified in time by month, with charts.md giving the same in words'
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;notified'= {
            cand --via 'The channel it went out on'
            cand --ref 'A reference to what was sent: message id, ticket, call log'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --all 'Every affected tenant (e.g. a message-center post that went out in bulk)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;classify'= {
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;filed'= {
            cand --ref 'The authority''s reference for the filing'
            cand --at 'When the step really happened, if not now: 03:30, ''yesterday 14:00'', ''monday 09:15'', ''2h ago'', 2026-11-20T08:00:00Z and more (Times in the README)'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;deadlines'= {
            cand --incident 'Only this incident (any unique prefix of its id); it may be closed'
            cand --at 'As of this time instead of now (RFC 3339, ''YYYY-MM-DD HH:MM'', ''-2h'', ''2h ago'', …)'
            cand --tz 'Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like +01:00 [default: the local zone]'
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --all 'Include met and late clocks, and the tenants'' own clocks that are pending or past due'
            cand --check 'Exit with 3 when any of our clocks is overdue or at risk (for cron and runbooks)'
            cand --each 'In the table, one row per clock instead of one per group of tenants with the same due time'
            cand --wide 'On a terminal, every column (who started each clock, and when) at full width instead of the compact view that fits the screen; piped output is always in full'
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
        &'sirt;tenant'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a tenant to the directory'
            cand import 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names'
            cand export 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON'
            cand list 'List the tenant directory'
            cand show 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it'
            cand set 'Change a tenant: each flag given replaces that part of the record'
            cand remove 'Remove a tenant from the directory; refused while an open incident names it'
            cand check 'Show, for each tenant and channel, whether a notification can reach it, and why not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;tenant;add'= {
            cand --name 'The tenant''s name, as it appears in notifications'
            cand --admin-email 'An administrator''s email; repeat for each administrator'
            cand --admin-name 'The administrators'' names, in the order of their emails; repeat'
            cand --admin-phone 'The administrators'' phone numbers (E.164, e.g. +14155550123), in the order of their emails; repeat'
            cand --privacy-email 'The Global Privacy Contact''s email'
            cand --privacy-name 'The Global Privacy Contact''s name'
            cand --region 'A region the tenant''s data lives in; repeat or separate with commas'
            cand --regime 'A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas'
            cand --notify-within 'A contractual notification limit shorter than the store''s default, e.g. 24h'
            cand --language 'The language of the tenant''s drafts (de, fr, …); English where no templates exist for it'
            cand --timezone 'The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;import'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --dry-run 'Say what would change, tenant by tenant, and change nothing'
            cand --clear-empty 'Let an empty cell clear its field (without this, empty cells leave fields alone)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;export'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;list'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;show'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;set'= {
            cand --name 'A new name'
            cand --admin-email 'An administrator''s email; repeat for each administrator'
            cand --admin-name 'The administrators'' names, in the order of their emails; repeat'
            cand --admin-phone 'The administrators'' phone numbers (E.164, e.g. +14155550123), in the order of their emails; repeat'
            cand --privacy-email 'The Global Privacy Contact''s email'
            cand --privacy-name 'The Global Privacy Contact''s name'
            cand --region 'A region the tenant''s data lives in; repeat or separate with commas'
            cand --regime 'A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas'
            cand --notify-within 'A contractual notification limit shorter than the store''s default, e.g. 24h'
            cand --language 'The language of the tenant''s drafts (de, fr, …); English where no templates exist for it'
            cand --timezone 'The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]'
            cand --clear 'Remove a part of the record; repeat'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;remove'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;check'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --check 'Exit with 3 when a tenant named in an open, confirmed incident cannot be reached by email'
            cand --problems 'Only tenants that cannot be reached by email (administrators'' email)'
            cand --all-channels 'With --problems: also tenants missing an optional channel (privacy contact, phone)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;tenant;help'= {
            cand add 'Add a tenant to the directory'
            cand import 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names'
            cand export 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON'
            cand list 'List the tenant directory'
            cand show 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it'
            cand set 'Change a tenant: each flag given replaces that part of the record'
            cand remove 'Remove a tenant from the directory; refused while an open incident names it'
            cand check 'Show, for each tenant and channel, whether a notification can reach it, and why not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;tenant;help;add'= {
        }
        &'sirt;tenant;help;import'= {
        }
        &'sirt;tenant;help;export'= {
        }
        &'sirt;tenant;help;list'= {
        }
        &'sirt;tenant;help;show'= {
        }
        &'sirt;tenant;help;set'= {
        }
        &'sirt;tenant;help;remove'= {
        }
        &'sirt;tenant;help;check'= {
        }
        &'sirt;tenant;help;help'= {
        }
        &'sirt;regimes'= {
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
        &'sirt;clone'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;sync'= {
            cand --timeout 'Give up on the remote after this many seconds'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;status'= {
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;completions'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;verify'= {
            cand --since 'Check only the commits after REV; ''last'' means after the last tip this clone verified clean'
            cand --bundle 'Re-check an evidence bundle made by `sirt export ID --bundle FILE`; needs no store'
            cand --format 'format'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --accept-rewrite 'Remember the current tip as verified even with findings (after a rewrite was looked into)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;upgrade'= {
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand --dry-run 'Say what would move, and change nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;export'= {
            cand --bundle 'The archive to write (tar); check it later with: sirt verify --bundle FILE'
            cand --store 'The store to use [default: $SIRT_STORE, else `store` in the config file, else the platform data directory]'
            cand --actor 'Who is recording: ''Name <email>'' [default: $SIRT_ACTOR, else git''s user.name/user.email]'
            cand --color 'When to colour the output (NO_COLOR is honoured with auto)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sirt;help'= {
            cand init 'Create a store: a git repository holding the store''s settings'
            cand config 'Read or change the store''s settings (sirt.toml)'
            cand detect 'Record a detected event; opens an incident and prints its id'
            cand engage 'Record that someone is engaged on an incident in a role'
            cand confirm 'Declare a security incident: customer data was affected. Starts the notification clock'
            cand dismiss 'Close an event that turned out not to be a security incident'
            cand impact 'Record the effect on customer data; a later assessment replaces the earlier one'
            cand note 'Add a note to an incident''s timeline'
            cand affected 'Record which tenants an incident affects (or, with --remove, does not after all)'
            cand describe 'Record what happened, in words for customers; a later call replaces it (the history keeps both)'
            cand act 'Record an action the provider took; repeatable'
            cand advise 'Record an action customers should take to resolve the issue or prevent it recurring; repeatable'
            cand publish 'Mark an incident for the public service health dashboard, with the text the public reads there'
            cand notify 'Render notification drafts for the affected tenants (changes nothing in the store)'
            cand contain 'Record containment: what was done to stop the intruder reaching more'
            cand eradicate 'Record eradication: root cause removed, adversary evicted, the way in mitigated'
            cand recover 'Record a step of recovery: last known good state, restore, inspection, monitoring, validation'
            cand review 'Record the post-incident review: root cause, what went well and badly, action items'
            cand action 'Work with the review''s action items'
            cand close 'Close an incident: needs every affected tenant notified (or a dismissal), validated recovery and a review'
            cand edit 'Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit'
            cand adopt 'Record a hand edit of a store file as its own, marked change; an incident file may only gain events'
            cand correct 'Correct the time of an earlier step; the original stays in the record'
            cand retract 'Retract an earlier step that did not happen (a declaration, an assessment, …); the original stays in the record'
            cand report 'Write the post-incident report (Markdown): summary, durations, a timeline diagram, the timeline, notifications, filings, review'
            cand stats 'Metrics across incidents: counts, median and 90th percentile times, notifications in time'
            cand notified 'Record that tenants were notified on a channel; stops their contract clocks'
            cand classify 'Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major'
            cand filed 'Record that a regime''s stage was filed with its authority'
            cand deadlines 'Show every running clock of every open incident, most urgent first'
            cand list 'List incidents (open ones unless told otherwise), newest first'
            cand show 'Show an incident''s current state'
            cand timeline 'Show an incident''s events in the order they happened'
            cand history 'Show the commits that recorded an incident''s changes, newest first'
            cand tenant 'Manage the tenant directory: customers, their contacts and the regimes that apply to them'
            cand regimes 'List the notification regimes sirt knows, or show one with its stages and sources'
            cand demo 'Build a demo store and walk an incident through the process, showing each command'
            cand clone 'Join a team''s store: clone it from a git remote and check that this sirt can write to it'
            cand sync 'Bring in the team''s changes from the remote and push this clone''s: fetch, merge, push'
            cand status 'Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean'
            cand completions 'Print shell completions for sirt (bash, zsh, fish, powershell, elvish)'
            cand verify 'Check the store''s history: append-only, consistent, signed, not rewritten'
            cand upgrade 'Move a store made before sirt 0.3.0 to the sharded layout, in one commit'
            cand export 'Write an incident''s evidence bundle for auditors (tar with a SHA-256 manifest)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sirt;help;init'= {
        }
        &'sirt;help;config'= {
            cand get 'Print one setting''s value (lists separated by commas)'
            cand set 'Change one setting and commit it; lists are given separated by commas'
        }
        &'sirt;help;config;get'= {
        }
        &'sirt;help;config;set'= {
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
        &'sirt;help;affected'= {
        }
        &'sirt;help;describe'= {
        }
        &'sirt;help;act'= {
        }
        &'sirt;help;advise'= {
        }
        &'sirt;help;publish'= {
        }
        &'sirt;help;notify'= {
        }
        &'sirt;help;contain'= {
        }
        &'sirt;help;eradicate'= {
        }
        &'sirt;help;recover'= {
        }
        &'sirt;help;review'= {
        }
        &'sirt;help;action'= {
            cand done 'Mark an action item done'
        }
        &'sirt;help;action;done'= {
        }
        &'sirt;help;close'= {
        }
        &'sirt;help;edit'= {
        }
        &'sirt;help;adopt'= {
        }
        &'sirt;help;correct'= {
        }
        &'sirt;help;retract'= {
        }
        &'sirt;help;report'= {
        }
        &'sirt;help;stats'= {
        }
        &'sirt;help;notified'= {
        }
        &'sirt;help;classify'= {
        }
        &'sirt;help;filed'= {
        }
        &'sirt;help;deadlines'= {
        }
        &'sirt;help;list'= {
        }
        &'sirt;help;show'= {
        }
        &'sirt;help;timeline'= {
        }
        &'sirt;help;history'= {
        }
        &'sirt;help;tenant'= {
            cand add 'Add a tenant to the directory'
            cand import 'Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names'
            cand export 'Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON'
            cand list 'List the tenant directory'
            cand show 'Show a tenant: contacts, regimes, reachability and the open incidents affecting it'
            cand set 'Change a tenant: each flag given replaces that part of the record'
            cand remove 'Remove a tenant from the directory; refused while an open incident names it'
            cand check 'Show, for each tenant and channel, whether a notification can reach it, and why not'
        }
        &'sirt;help;tenant;add'= {
        }
        &'sirt;help;tenant;import'= {
        }
        &'sirt;help;tenant;export'= {
        }
        &'sirt;help;tenant;list'= {
        }
        &'sirt;help;tenant;show'= {
        }
        &'sirt;help;tenant;set'= {
        }
        &'sirt;help;tenant;remove'= {
        }
        &'sirt;help;tenant;check'= {
        }
        &'sirt;help;regimes'= {
        }
        &'sirt;help;demo'= {
        }
        &'sirt;help;clone'= {
        }
        &'sirt;help;sync'= {
        }
        &'sirt;help;status'= {
        }
        &'sirt;help;completions'= {
        }
        &'sirt;help;verify'= {
        }
        &'sirt;help;upgrade'= {
        }
        &'sirt;help;export'= {
        }
        &'sirt;help;help'= {
        }
    ]
    $completions[$command]
}
