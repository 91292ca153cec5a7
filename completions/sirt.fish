complete --keep-order --exclusive --command sirt --arguments "(COMPLETE=fish sirt -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
