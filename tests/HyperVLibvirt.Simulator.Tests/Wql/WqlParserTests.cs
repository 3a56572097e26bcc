using HyperVLibvirt.Simulator.Wql;

namespace HyperVLibvirt.Simulator.Tests.Wql;

public class WqlParserTests
{
    [Theory]
    [InlineData("SELECT * FROM Win32_OperatingSystem ")]
    [InlineData("select * from Msvm_ComputerSystem")]
    [InlineData("SELECT Name, ElementName FROM Msvm_ComputerSystem WHERE EnabledState = 2")]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND Name = '5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51' ")]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Description = \"Microsoft Hosting Computer System\" ")]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND (EnabledState != 0 and EnabledState != 3 and EnabledState != 32769) ")]
    [InlineData("SELECT * FROM C WHERE NOT (A = 1 OR B <> 'x') AND C IS NOT NULL")]
    [InlineData("SELECT * FROM C WHERE A LIKE 'vm-[0-9]%' AND B NOT LIKE '_x'")]
    [InlineData("SELECT * FROM C WHERE A IS NULL OR A >= -5 OR A <= 10 OR A < 1.5 OR A > 0")]
    [InlineData("SELECT * FROM C WHERE Flag = TRUE OR Flag = false")]
    [InlineData("ASSOCIATORS OF {Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='x'} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData ")]
    [InlineData("ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='Microsoft:AB'} WHERE ResultClass = Msvm_ProcessorSettingData")]
    [InlineData("associators of {Win32_OperatingSystem=@}")]
    [InlineData("REFERENCES OF {Msvm_ComputerSystem.Name='x'} WHERE ResultClass = Msvm_AffectedJobElement")]
    public void ParsesValidQueries(string wql) => Assert.NotNull(WqlParser.Parse(wql));

    [Theory]
    [InlineData("", 0)]
    [InlineData("SELECT", 6)]
    [InlineData("SELECT * Msvm_ComputerSystem", 9)]
    [InlineData("SELECT * FROM", 13)]
    [InlineData("SELECT * FROM C WHERE", 21)]
    [InlineData("SELECT * FROM C WHERE Name = 'unterminated", 29)]
    [InlineData("SELECT * FROM C WHERE (A = 1", 28)]
    [InlineData("SELECT * FROM C WHERE A = 1)", 27)]
    [InlineData("SELECT * FROM C WHERE A == 1", 25)]
    [InlineData("SELECT * FROM C WHERE A ! 1", 24)]
    [InlineData("SELECT * FROM C WHERE A LIKE 5", 29)]
    [InlineData("SELECT * FROM C WHERE A IS 5", 27)]
    [InlineData("SELECT * FROM C WHERE AND = 1", 22)]
    [InlineData("SELECT *, Name FROM C", 8)]
    [InlineData("DELETE FROM C", 0)]
    [InlineData("ASSOCIATORS {C.K='v'}", 12)]
    [InlineData("ASSOCIATORS OF {C.K='v'", 15)]
    [InlineData("ASSOCIATORS OF {C.K='v'} WHERE AssocClass Msvm_X", 42)]
    [InlineData("ASSOCIATORS OF {C.K='v'} WHERE Bogus = X", 31)]
    [InlineData("ASSOCIATORS OF {C.K='v} WHERE X", 15)]
    [InlineData("SELECT * FROM C WHERE A = 12abc", 26)]
    public void RejectsInvalidQueriesWithPosition(string wql, int position)
    {
        var ex = Assert.Throws<WqlSyntaxException>(() => WqlParser.Parse(wql));
        Assert.Equal(position, ex.Position);
    }

    [Fact]
    public void AndBindsTighterThanOrAndNotTighterThanAnd()
    {
        var query = (WqlSelectQuery)WqlParser.Parse("SELECT * FROM C WHERE NOT A = 1 OR B = 2 AND C = 3");
        var or = Assert.IsType<WqlOr>(query.Where);
        Assert.IsType<WqlNot>(or.Left);
        var and = Assert.IsType<WqlAnd>(or.Right);
        Assert.IsType<WqlComparison>(and.Left);
    }

    [Fact]
    public void StringEscapesUnescapeQuotesAndBackslashes()
    {
        var query = (WqlSelectQuery)WqlParser.Parse(@"SELECT * FROM C WHERE A = 'it\'s \""q\"" a\\b c\d'");
        var comparison = Assert.IsType<WqlComparison>(query.Where);
        Assert.Equal(@"it's ""q"" a\b c\d", Assert.IsType<WqlLiteral>(comparison.Right).Value);
    }

    [Fact]
    public void ObjectPathKeepsColonsAndUnescapesBackslashes()
    {
        var query = (WqlAssociatorsQuery)WqlParser.Parse(@"ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='Microsoft:AB-12\\b637\\0'} WHERE AssocClass = X ResultClass = Y");
        Assert.Equal("Msvm_VirtualSystemSettingData", query.Source.ClassName);
        var key = Assert.Single(query.Source.Keys);
        Assert.Equal("InstanceID", key.Key);
        Assert.Equal(@"Microsoft:AB-12\b637\0", key.Value);
        Assert.Equal("X", query.AssocClass);
        Assert.Equal("Y", query.ResultClass);
    }

    [Fact]
    public void ObjectPathWithNamespacePrefixMixedQuotesAndBraceInValue()
    {
        var query = (WqlAssociatorsQuery)WqlParser.Parse(@"ASSOCIATORS OF {\\HOST\root\virtualization\v2:Msvm_ComputerSystem.CreationClassName=""Msvm_ComputerSystem"",Name='a}b'}");
        Assert.Equal("Msvm_ComputerSystem", query.Source.ClassName);
        Assert.Equal(["Msvm_ComputerSystem", "a}b"], query.Source.Keys.Select(k => k.Value));
        Assert.Null(query.AssocClass);
    }

    [Fact]
    public void ResultClassAloneIsAccepted()
    {
        var query = (WqlAssociatorsQuery)WqlParser.Parse("ASSOCIATORS OF {C.K=1} WHERE ResultClass = Msvm_ProcessorSettingData ");
        Assert.Equal("Msvm_ProcessorSettingData", query.ResultClass);
        Assert.Equal("1", query.Source.Keys[0].Value);
    }

    [SharedFact]
    public void EveryQueryLibvirtSendsParses()
    {
        var queries = LibvirtFixtures.Queries();

        Assert.NotEmpty(queries);
        foreach (var wql in queries)
        {
            Assert.NotNull(WqlParser.Parse(wql));
        }
    }

    [Fact]
    public void RandomInputNeverThrowsAnythingButSyntaxErrors()
    {
        var random = new Random(1234);
        const string alphabet = "SELECT*FROMWHEREANDORNOTLIKEISNUL ()'\"\\{}.,=!<>%_[]^-0123456789abcxyz__SERVER\t";
        string[] seeds = ["SELECT * FROM C WHERE ", "ASSOCIATORS OF {", "SELECT A, B FROM C WHERE NOT (", ""];
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(0, 60);
            var chars = new char[length];
            for (var c = 0; c < length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            var text = seeds[i % seeds.Length] + new string(chars);
            try
            {
                WqlParser.Parse(text);
            }
            catch (WqlSyntaxException ex)
            {
                Assert.InRange(ex.Position, 0, text.Length);
            }
        }
    }

    [Fact]
    public void DeepNestingIsASyntaxErrorNotAStackOverflow()
    {
        var text = "SELECT * FROM C WHERE " + new string('(', 100_000) + "A = 1";
        Assert.Throws<WqlSyntaxException>(() => WqlParser.Parse(text));
        var nots = "SELECT * FROM C WHERE " + string.Concat(Enumerable.Repeat("NOT ", 50_000)) + "A = 1";
        Assert.NotNull(WqlParser.Parse(nots));
    }
}
