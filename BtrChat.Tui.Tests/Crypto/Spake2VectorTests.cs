using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

/// <summary>The SPAKE2-P256-SHA256-HKDF-HMAC test vectors of RFC 9382 Appendix B, checked from both roles.</summary>
public class Spake2VectorTests
{
    public static IEnumerable<TheoryDataRow<string>> Vectors() =>
        Spake2VectorFile.Vectors.Select(vector => new TheoryDataRow<string>(vector.Name) { Label = vector.Name });

    public static IEnumerable<TheoryDataRow<string, Spake2Role>> VectorsInBothRoles() =>
        from vector in Spake2VectorFile.Vectors
        from role in new[] { Spake2Role.A, Spake2Role.B }
        select new TheoryDataRow<string, Spake2Role>(vector.Name, role) { Label = $"{vector.Name}, as {role}" };

    // The RFC prints TT for its first vector only.
    public static IEnumerable<TheoryDataRow<string, Spake2Role>> TranscriptVectorsInBothRoles() =>
        from vector in Spake2VectorFile.Vectors
        where vector.Transcript is not null
        from role in new[] { Spake2Role.A, Spake2Role.B }
        select new TheoryDataRow<string, Spake2Role>(vector.Name, role) { Label = $"{vector.Name}, as {role}" };

    [Fact]
    public void FixedPoints_AsCompiledIn_MatchTheVectorFile()
    {
        Assert.Equal(Spake2VectorFile.MCompressed, Convert.ToHexStringLower(Spake2Curve.M.GetEncoded(true)));
        Assert.Equal(Spake2VectorFile.NCompressed, Convert.ToHexStringLower(Spake2Curve.N.GetEncoded(true)));
    }

    [Fact]
    public void VectorFile_AsCopied_HoldsAllFourRfcVectors()
    {
        Assert.Equal(4, Spake2VectorFile.Vectors.Count);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Share_VectorScalars_EqualTheVectorShares(string name)
    {
        Spake2Vector vector = Spake2VectorFile.Get(name);
        using Spake2Password password = Spake2Password.FromScalar(vector.W);

        using Spake2Party a = CreateParty(vector, Spake2Role.A, password);
        using Spake2Party b = CreateParty(vector, Spake2Role.B, password);

        AssertBytes(vector.PA, a.Share);
        AssertBytes(vector.PB, b.Share);
    }

    [Theory]
    [MemberData(nameof(TranscriptVectorsInBothRoles))]
    public void TryBuildTranscript_VectorPeerShare_EqualsTheVectorTranscript(string name, Spake2Role role)
    {
        Spake2Vector vector = Spake2VectorFile.Get(name);
        using Spake2Password password = Spake2Password.FromScalar(vector.W);
        using Spake2Party party = CreateParty(vector, role, password);

        Assert.True(party.TryBuildTranscript(PeerShare(vector, role), out byte[]? transcript));

        AssertBytes(vector.Transcript!, transcript);
    }

    [Theory]
    [MemberData(nameof(VectorsInBothRoles))]
    public void TryFinish_VectorPeerShare_DerivesTheVectorKeySchedule(string name, Spake2Role role)
    {
        Spake2Vector vector = Spake2VectorFile.Get(name);
        using Spake2Password password = Spake2Password.FromScalar(vector.W);
        using Spake2Party party = CreateParty(vector, role, password);

        Assert.True(party.TryFinish(PeerShare(vector, role), aad: [], out Spake2Keys? keys));
        using (keys)
        {
            AssertBytes(vector.Ke, keys.Ke);
            AssertBytes(vector.Ka, keys.Ka);
            AssertBytes(vector.KcA, keys.KcA);
            AssertBytes(vector.KcB, keys.KcB);
            AssertBytes(vector.CA, keys.ConfirmationA);
            AssertBytes(vector.CB, keys.ConfirmationB);
        }
    }

    [Theory]
    [MemberData(nameof(VectorsInBothRoles))]
    public void TryFinish_VectorPeerShare_SendsOwnMacAndAcceptsThePeers(string name, Spake2Role role)
    {
        Spake2Vector vector = Spake2VectorFile.Get(name);
        using Spake2Password password = Spake2Password.FromScalar(vector.W);
        using Spake2Party party = CreateParty(vector, role, password);

        Assert.True(party.TryFinish(PeerShare(vector, role), aad: [], out Spake2Keys? keys));
        using (keys)
        {
            AssertBytes(role == Spake2Role.A ? vector.CA : vector.CB, keys.Confirmation);
            Assert.True(keys.VerifyPeerConfirmation(role == Spake2Role.A ? vector.CB : vector.CA));
            AssertBytes(vector.Ke, keys.SharedSecret);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryFinish_VectorPartiesExchangingShares_ConfirmEachOtherAndShareKe(string name)
    {
        Spake2Vector vector = Spake2VectorFile.Get(name);
        using Spake2Password password = Spake2Password.FromScalar(vector.W);
        using Spake2Party a = CreateParty(vector, Spake2Role.A, password);
        using Spake2Party b = CreateParty(vector, Spake2Role.B, password);

        Assert.True(a.TryFinish(b.Share, aad: [], out Spake2Keys? keysA));
        Assert.True(b.TryFinish(a.Share, aad: [], out Spake2Keys? keysB));
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            Assert.True(keysB.VerifyPeerConfirmation(keysA.Confirmation));
            AssertBytes(keysA.SharedSecret.ToArray(), keysB.SharedSecret);
        }
    }

    private static Spake2Party CreateParty(Spake2Vector vector, Spake2Role role, Spake2Password password) =>
        new(role, vector.IdA, vector.IdB, password, role == Spake2Role.A ? vector.X : vector.Y);

    private static byte[] PeerShare(Spake2Vector vector, Spake2Role role) => role == Spake2Role.A ? vector.PB : vector.PA;

    // Hex makes a mismatch readable against the RFC's own listing.
    private static void AssertBytes(byte[] expected, ReadOnlySpan<byte> actual) =>
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(actual));
}
