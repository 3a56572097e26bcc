# Parameter texts shared by the domain lifecycle cmdlets (Start, Stop, Restart, Suspend, Resume,
# Remove-HvDomainManagedSave); each cmdlet's file includes it and may override a text.
@{
    Parameters = @{
        Domain        = @{ Description = 'The domains to change, typically from Get-HvDomain. Each domain carries its own connection, so domains from several hosts can be piped together.' }
        Name          = @{ Description = 'The names of the domains to change. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.' }
        Uuid          = @{ Description = 'The UUIDs of the domains to change (Hyper-V''s VM id).' }
        Id            = @{ Description = 'The libvirt ids of the domains to change: the ProcessID of an active domain''s worker process.' }
        PassThru      = @{ Description = 'Writes each domain, read again after the change, to the pipeline. By default the cmdlet writes nothing.' }
        NoWait        = @{ Description = 'Returns as soon as the host has accepted each request, without waiting for the Hyper-V job to finish. With -PassThru, the domains then show the state they are in at that moment, often a transition.' }
        TimeoutSec    = @{ Description = 'How long, in seconds, to wait for each domain''s job. When the wait ends, the cmdlet reports an error but the job is not cancelled on the host.'; Default = '300' }
        ThrottleLimit = @{ Description = 'How many WS-Man requests go to each host at once. Waiting for a job holds none: the jobs of all the domains run on the hosts together.'; Default = '8' }
        Connection    = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains given with -Domain or from the pipeline use their own connection.'; Default = 'The default connection' }
    }
}
