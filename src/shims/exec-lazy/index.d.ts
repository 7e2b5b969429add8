export * from '@actions/exec-real'
