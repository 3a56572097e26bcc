using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>One domain's outcome: its screenshot, or why there is none.</summary>
public sealed record ScreenshotRead(HvDomain Domain, DomainScreenshot? Screenshot, HvScreenshotException? Error);
