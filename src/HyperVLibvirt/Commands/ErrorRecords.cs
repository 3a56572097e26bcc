using System.Management.Automation;
using HyperVLibvirt.Commands.Lifecycle;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Keyboard;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Screenshots;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Turns Core's exceptions into ErrorRecords with a specific ErrorId, the right category and
/// the target object. Core's messages already say what to do; this only classifies them.
/// </summary>
internal static class ErrorRecords
{
    /// <summary>Whether a cmdlet should report this exception as an ErrorRecord (anything but a stop or a bug in the caller).</summary>
    public static bool IsReportable(Exception exception) =>
        exception is not (PipelineStoppedException or OperationCanceledException);

    /// <summary>The ErrorRecord for an exception, with its target.</summary>
    public static ErrorRecord From(Exception exception, object? target)
    {
        var (id, category) = Classify(exception);
        return new ErrorRecord(exception, id, category, target);
    }

    /// <summary>An ErrorRecord for a failure that has no exception of its own.</summary>
    public static ErrorRecord Create(string message, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        // Messages may quote host text (domain names): shown, never interpreted by the terminal.
        message = DisplayText.Neutralize(message)!;
        var record = new ErrorRecord(new InvalidOperationException(message), errorId, category, target);
        if (recommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        }
        return record;
    }

    private static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
    {
        LibvirtUriException => ("InvalidUri", ErrorCategory.InvalidArgument),
        WsManAuthenticationException auth => auth.Reason switch
        {
            WsManAuthenticationFailure.BasicNotOffered => ("BasicAuthenticationDisabled", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.UnencryptedRefused => ("UnencryptedTrafficRefused", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.NoCredentials => ("CredentialRequired", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.SchemeNotOffered => ("AuthenticationSchemeNotOffered", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.HandshakeFailed => ("AuthenticationHandshakeFailed", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.KerberosNoTicket => ("KerberosNoTicket", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.KerberosNoKdc => ("KerberosKdcUnreachable", ErrorCategory.ConnectionError),
            WsManAuthenticationFailure.KerberosUnknownPrincipal => ("KerberosUnknownPrincipal", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.KerberosClockSkew => ("KerberosClockSkew", ErrorCategory.AuthenticationError),
            WsManAuthenticationFailure.EncryptionFailed => ("MessageEncryptionFailed", ErrorCategory.SecurityError),
            WsManAuthenticationFailure.UnencryptedResponse => ("UnencryptedResponseRefused", ErrorCategory.SecurityError),
            _ => ("AuthenticationFailed", ErrorCategory.AuthenticationError),
        },
        WsManCertificateException => ("CertificateRejected", ErrorCategory.SecurityError),
        CACertificateFileException => ("CACertificateFileInvalid", ErrorCategory.InvalidArgument),
        WsManConnectionException => ("ConnectionFailed", ErrorCategory.ConnectionError),
        WsManTimeoutException => ("OperationTimedOut", ErrorCategory.OperationTimeout),
        WsManFaultException => ("WsManFault", ErrorCategory.ProtocolError),
        WsManProtocolException => ("WsManProtocolError", ErrorCategory.ProtocolError),
        WsManException => ("WsManError", ErrorCategory.ProtocolError),
        PackedVersionException => ("VersionNotPackable", ErrorCategory.InvalidResult),
        HvLifecycleException lifecycle => (lifecycle.Reason.ToString(), LifecycleErrorCategory.Of(lifecycle)),
        HvJobException job => ("Job" + job.Failure, LifecycleErrorCategory.Of(job)),
        HvWaitException wait => ("Wait" + wait.Reason, wait.Reason switch
        {
            WaitFailure.TimedOut => ErrorCategory.OperationTimeout,
            WaitFailure.NotRunning => ErrorCategory.InvalidOperation,
            WaitFailure.NoIntegrationServices => ErrorCategory.NotEnabled,
            _ => ErrorCategory.ObjectNotFound,
        }),
        HvKeyCodeException => ("InvalidKeyCode", ErrorCategory.InvalidArgument),
        HvKeyboardException keyboard => ("Keyboard" + keyboard.Reason, keyboard.Reason switch
        {
            KeyboardFailure.DomainNotFound or KeyboardFailure.NoKeyboard => ErrorCategory.ObjectNotFound,
            KeyboardFailure.DomainNotRunning => ErrorCategory.InvalidOperation,
            KeyboardFailure.InvalidResponse => ErrorCategory.ProtocolError,
            _ => ErrorCategory.InvalidResult,
        }),
        HvClassNotFoundException => ("WmiClassNotFound", ErrorCategory.ObjectNotFound),
        HvSettingsException settings => (settings.Reason.ToString(), settings.Reason switch
        {
            _ when settings.IsStateConflict => ErrorCategory.InvalidOperation,
            SettingsFailure.DomainNotFound or SettingsFailure.SettingsNotFound => ErrorCategory.ObjectNotFound,
            SettingsFailure.ValueOutOfRange or SettingsFailure.HostRefused when settings.ReturnValue is null or 32773 => ErrorCategory.InvalidArgument,
            SettingsFailure.InvalidResponse => ErrorCategory.ProtocolError,
            _ => ErrorCategory.InvalidResult,
        }),
        HvScreenshotException screenshot => screenshot.Failure switch
        {
            ScreenshotFailure.NotRunning => ("ScreenshotDomainNotRunning", ErrorCategory.InvalidOperation),
            ScreenshotFailure.TooLarge => ("ScreenshotTooLarge", ErrorCategory.LimitsExceeded),
            ScreenshotFailure.Refused => ("ScreenshotRefused", ErrorCategory.InvalidResult),
            _ => ("ScreenshotInvalidResponse", ErrorCategory.InvalidData),
        },
        HvDefineException define => (define.Reason.ToString(), define.Reason switch
        {
            DefineFailure.DomainExists => ErrorCategory.ResourceExists,
            DefineFailure.DefineNotSupported => ErrorCategory.NotImplemented,
            DefineFailure.DeviceNotFound => ErrorCategory.ObjectNotFound,
            DefineFailure.DeviceAmbiguous => ErrorCategory.InvalidArgument,
            _ when define.InnerException is OperationCanceledException => ErrorCategory.OperationStopped,
            _ when define.InnerException is { } inner => Classify(inner).Category,
            _ => ErrorCategory.InvalidResult,
        }),
        DefinitionXmlException => ("DomainXmlInvalid", ErrorCategory.InvalidArgument),
        HvStorageException storage => (storage.Reason.ToString(), storage.Reason switch
        {
            StorageFailure.InvalidPath or StorageFailure.ValueOutOfRange => ErrorCategory.InvalidArgument,
            StorageFailure.FileExists => ErrorCategory.ResourceExists,
            StorageFailure.FileNotFound or StorageFailure.ClassNotAvailable => ErrorCategory.ObjectNotFound,
            StorageFailure.NotAVirtualHardDisk => ErrorCategory.InvalidType,
            StorageFailure.FileInUse => ErrorCategory.ResourceBusy,
            StorageFailure.AccessDenied => ErrorCategory.PermissionDenied,
            StorageFailure.InvalidResponse => ErrorCategory.ProtocolError,
            StorageFailure.HostRefused when storage.ReturnValue is 32773 => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.InvalidResult,
        }),
        HvDeviceException device => ("Device" + device.Reason, device.Reason switch
        {
            _ when device.IsStateConflict => ErrorCategory.InvalidOperation,
            DeviceFailure.NotOnGeneration => ErrorCategory.InvalidOperation,
            DeviceFailure.NotSupportedOnHost => ErrorCategory.NotImplemented,
            DeviceFailure.DomainNotFound or DeviceFailure.SettingsNotFound or DeviceFailure.ControllerNotFound or DeviceFailure.SwitchNotFound
                or DeviceFailure.SerialPortNotFound or DeviceFailure.HostDiskNotFound or DeviceFailure.ImageNotFound => ErrorCategory.ObjectNotFound,
            DeviceFailure.LocationTaken or DeviceFailure.MediaPresent or DeviceFailure.ControllerIndexUnavailable => ErrorCategory.ResourceExists,
            DeviceFailure.NoFreeLocation => ErrorCategory.LimitsExceeded,
            DeviceFailure.SwitchAmbiguous => ErrorCategory.InvalidArgument,
            DeviceFailure.HostRefused when device.ReturnValue is 32773 => ErrorCategory.InvalidArgument,
            DeviceFailure.InvalidResponse => ErrorCategory.ProtocolError,
            _ => ErrorCategory.InvalidResult,
        }),
        DeviceXmlException => ("DeviceXmlInvalid", ErrorCategory.InvalidArgument),
        HvHostException => ("HyperVError", ErrorCategory.InvalidResult),
        DomainXmlException => ("DomainXmlUnavailable", ErrorCategory.InvalidData),
        HvConnectionClosedException => ("ConnectionClosed", ErrorCategory.ResourceUnavailable),
        _ => ("UnexpectedError", ErrorCategory.NotSpecified),
    };
}
