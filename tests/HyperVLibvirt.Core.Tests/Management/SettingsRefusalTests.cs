using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>The management service's failures become the settings cmdlets' errors: reason (ErrorId), message and what to do.</summary>
public sealed class SettingsRefusalTests
{
    private static readonly JobContext Context = new(DomainOperation.Configure, "ModifyResourceSettings", "off1",
        Guid.Parse("6a0f5b1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"), "host1");

    [Fact]
    public void A_refusal_keeps_its_code_and_says_what_to_do()
    {
        var e = SettingsRefusal.FromFailure(new ServiceMethodFailure(ServiceMethodFault.Refused, "ModifyResourceSettings", 32775, Context));

        Assert.Equal(SettingsFailure.HostRefused, e.Reason);
        Assert.Equal(32775u, e.ReturnValue);
        Assert.True(e.IsStateConflict);
        Assert.Equal("off1", e.DomainName);
        Assert.Equal(Context.DomainUuid, e.DomainUuid);
        Assert.StartsWith("Could not configure domain 'off1' on host1: Invocation of ModifyResourceSettings returned an error: ", e.Message);
        Assert.EndsWith("(32775).", e.Message);
        Assert.Contains("Stop-HvDomain", e.RecommendedAction);
    }

    [Fact]
    public void A_code_without_advice_has_no_recommended_action()
    {
        var e = SettingsRefusal.FromFailure(new ServiceMethodFailure(ServiceMethodFault.Refused, "DestroySystem", 32768,
            Context with { Operation = DomainOperation.Undefine, MethodName = "DestroySystem" }));

        Assert.Equal(SettingsFailure.HostRefused, e.Reason);
        Assert.Null(e.RecommendedAction);
        Assert.False(e.IsStateConflict);
        Assert.Contains("Invocation of DestroySystem returned an error", e.Message);
    }

    [Theory]
    [InlineData(nameof(ServiceMethodFault.NoReturnValue), "Could not get return value for ModifySystemSettings invocation.")]
    [InlineData(nameof(ServiceMethodFault.NoJobInstance), "Could not get instance ID for ModifySystemSettings invocation.")]
    public void An_incomplete_answer_is_an_invalid_response(string fault, string detail)
    {
        var e = SettingsRefusal.FromFailure(new ServiceMethodFailure(Enum.Parse<ServiceMethodFault>(fault), "ModifySystemSettings", null, Context));

        Assert.Equal(SettingsFailure.InvalidResponse, e.Reason);
        Assert.Null(e.ReturnValue);
        Assert.Contains(detail, e.Message);
    }
}
