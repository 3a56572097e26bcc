"""Lists the simulator's VMs with pywinrm (the public reference client for WinRM message encryption).

Usage: pywinrm_enumerate.py ENDPOINT TRANSPORT ENCRYPTION [HOSTNAME_OVERRIDE]
  TRANSPORT: ntlm or kerberos; ENCRYPTION: pywinrm's message_encryption (always, auto, never).
The user name and password come from HVSIM_USER and HVSIM_PASSWORD (never the command line).
Prints one line "VM: <ElementName>" per VM, then "DONE <count>".
"""
import os
import sys
import uuid
import xml.etree.ElementTree as ET

from winrm.protocol import Protocol

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "n": "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
}
RESOURCE = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*"
CLASS = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem"
QUERY = "SELECT * FROM Msvm_ComputerSystem WHERE Description = 'Microsoft Virtual Machine'"


def envelope(endpoint, action, resource, body):
    return (
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
        'xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration" '
        'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">'
        "<s:Header>"
        "<a:To>%s</a:To>"
        '<w:ResourceURI s:mustUnderstand="true">%s</w:ResourceURI>'
        "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
        '<a:Action s:mustUnderstand="true">%s</a:Action>'
        '<w:MaxEnvelopeSize s:mustUnderstand="true">512000</w:MaxEnvelopeSize>'
        "<a:MessageID>uuid:%s</a:MessageID>"
        '<w:Locale xml:lang="en-US" s:mustUnderstand="false"/>'
        "<w:OperationTimeout>PT60S</w:OperationTimeout>"
        "</s:Header><s:Body>%s</s:Body></s:Envelope>"
    ) % (endpoint, resource, action, str(uuid.uuid4()).upper(), body)


def main():
    endpoint, transport, encryption = sys.argv[1], sys.argv[2], sys.argv[3]
    options = {}
    if len(sys.argv) > 4:
        options["kerberos_hostname_override"] = sys.argv[4]
    protocol = Protocol(
        endpoint=endpoint,
        transport=transport,
        username=os.environ.get("HVSIM_USER"),
        password=os.environ.get("HVSIM_PASSWORD"),
        message_encryption=encryption,
        server_cert_validation="ignore",
        **options
    )
    enumerate_body = (
        '<n:Enumerate><w:Filter Dialect="http://schemas.microsoft.com/wbem/wsman/1/WQL">%s</w:Filter></n:Enumerate>' % QUERY
    )
    reply = protocol.send_message(envelope(endpoint, "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", RESOURCE, enumerate_body))
    context = ET.fromstring(reply).find(".//n:EnumerationContext", NS).text
    names = []
    for _ in range(1000):
        pull_body = "<n:Pull><n:EnumerationContext>%s</n:EnumerationContext><n:MaxElements>2</n:MaxElements></n:Pull>" % context
        reply = ET.fromstring(protocol.send_message(envelope(endpoint, "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", CLASS, pull_body)))
        for item in reply.find(".//n:Items", NS):
            for child in item:
                if child.tag.endswith("}ElementName"):
                    names.append(child.text)
        if reply.find(".//n:EndOfSequence", NS) is not None:
            break
        context = reply.find(".//n:EnumerationContext", NS).text
    for name in names:
        print("VM: " + name)
    print("DONE %d" % len(names))


if __name__ == "__main__":
    main()
