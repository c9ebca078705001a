using System.Text;
using BtrChat.Crypto;
using Org.BouncyCastle.Math;

namespace BtrChat.Tests.Crypto;

/// <summary>Spake2Password.Derive: the labelled, length-prefixed hash from a password to the scalar w.</summary>
public class Spake2PasswordTests
{
    private const string Label = "btrchat v1 spake2 w";

    [Fact]
    public void Derive_KnownInput_MatchesTheIndependentlyComputedScalar()
    {
        // Computed with Python's cryptography HKDF from the construction in Derive's documentation.
        string[] queues = ["btrchat-bob", "btrchat-alice"];
        Array.Sort(queues, StringComparer.Ordinal);

        using Spake2Password password = Spake2Password.Derive(Label, queues, "correct horse battery staple"u8);

        Assert.Equal(
            "472a9589675c9ab800d16adb48a7c72ba836474b91b804b5af16e7a035e0c7a9",
            Convert.ToHexStringLower(password.WBytes));
    }

    [Fact]
    public void Derive_EmptyContextAndPassword_MatchesTheIndependentlyComputedScalar()
    {
        using Spake2Password password = Spake2Password.Derive(Label, [], []);

        Assert.Equal(
            "d5efa6112110fe9b9f32b6cd35c6b799fa7d7783a82819b75cae268afa23ca7a",
            Convert.ToHexStringLower(password.WBytes));
    }

    [Fact]
    public void Derive_SameInputTwice_GivesTheSameScalar()
    {
        Assert.Equal(
            W(Label, ["btrchat-alice", "btrchat-bob"], "pw"),
            W(Label, ["btrchat-alice", "btrchat-bob"], "pw"));
    }

    [Fact]
    public void Derive_QueueNamesSortedOnEachSide_GivesBothSidesTheSameScalar()
    {
        string[] seenByAlice = ["btrchat-alice", "btrchat-bob"];
        string[] seenByBob = ["btrchat-bob", "btrchat-alice"];

        Assert.Equal(
            W(Label, seenByAlice.Order(StringComparer.Ordinal), "pw"),
            W(Label, seenByBob.Order(StringComparer.Ordinal), "pw"));
    }

    [Fact]
    public void Derive_ContextInAnotherOrder_GivesAnotherScalar()
    {
        // Order is significant, which is why the caller sorts the queue names.
        Assert.NotEqual(
            W(Label, ["btrchat-alice", "btrchat-bob"], "pw"),
            W(Label, ["btrchat-bob", "btrchat-alice"], "pw"));
    }

    [Fact]
    public void Derive_OtherQueueNames_GivesAnotherScalar()
    {
        Assert.NotEqual(
            W(Label, ["btrchat-alice", "btrchat-bob"], "pw"),
            W(Label, ["btrchat-alice", "btrchat-carol"], "pw"));
    }

    [Fact]
    public void Derive_OtherLabel_GivesAnotherScalar()
    {
        Assert.NotEqual(
            W(Label, ["btrchat-alice", "btrchat-bob"], "pw"),
            W("btrchat v2 spake2 w", ["btrchat-alice", "btrchat-bob"], "pw"));
    }

    [Fact]
    public void Derive_OtherPassword_GivesAnotherScalar()
    {
        Assert.NotEqual(
            W(Label, ["btrchat-alice", "btrchat-bob"], "pw"),
            W(Label, ["btrchat-alice", "btrchat-bob"], "pW"));
    }

    [Fact]
    public void Derive_SameBytesSplitAtAnotherBoundary_GivesAnotherScalar()
    {
        // Without the length prefixes these would all hash the same concatenation.
        string[] scalars =
        [
            W("ab", ["cd"], "ef"),
            W("a", ["bcd"], "ef"),
            W("ab", ["c", "d"], "ef"),
            W("ab", ["cde"], "f"),
            W("ab", ["cd", "ef"], ""),
            W("ab", [], "cdef"),
        ];

        Assert.Equal(scalars.Length, scalars.Distinct().Count());
    }

    [Fact]
    public void Derive_ManyPasswords_AlwaysLandsInOneToOrderMinusOne()
    {
        BigInteger order = Spake2Curve.Order;
        for (int i = 0; i < 500; i++)
        {
            using Spake2Password password = Spake2Password.Derive(Label, ["q"], Encoding.UTF8.GetBytes($"password {i}"));

            Assert.True(password.W.SignValue > 0, $"password {i}");
            Assert.True(password.W.CompareTo(order) < 0, $"password {i}");
            Assert.Equal(Spake2Curve.ScalarSize, password.WBytes.Length);
            Assert.Equal(password.W, new BigInteger(1, password.WBytes));
        }
    }

    [Fact]
    public void Derive_NullOrEmptyLabel_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Spake2Password.Derive(null!, [], "pw"u8));
        Assert.Throws<ArgumentException>(() => Spake2Password.Derive("", [], "pw"u8));
    }

    [Fact]
    public void Derive_NullContextOrNullContextString_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Spake2Password.Derive(Label, null!, "pw"u8));
        Assert.Throws<ArgumentException>(() => Spake2Password.Derive(Label, ["q", null!], "pw"u8));
    }

    [Fact]
    public void FromScalar_OutOfRangeOrWrongLength_Throws()
    {
        byte[] order = Spake2Curve.Order.ToByteArrayUnsigned();

        Assert.Throws<ArgumentException>(() => Spake2Password.FromScalar(new byte[32]));
        Assert.Throws<ArgumentException>(() => Spake2Password.FromScalar(order));
        Assert.Throws<ArgumentException>(() => Spake2Password.FromScalar(new byte[31]));
    }

    [Fact]
    public void ToString_AnyPassword_IsRedacted()
    {
        using Spake2Password password = Spake2Password.Derive(Label, [], "hunter2"u8);

        Assert.Equal("Spake2Password(redacted)", password.ToString());
    }

    [Fact]
    public void Dispose_Password_BlocksEveryUse()
    {
        Spake2Password password = Spake2Password.Derive(Label, [], "hunter2"u8);
        password.Dispose();

        Assert.Throws<ObjectDisposedException>(() => password.WBytes.Length);
        Assert.Throws<ObjectDisposedException>(() => new Spake2Party(Spake2Role.A, [], [], password));
    }

    private static string W(string label, IEnumerable<string> context, string password)
    {
        using Spake2Password derived = Spake2Password.Derive(label, context, Encoding.UTF8.GetBytes(password));
        return Convert.ToHexString(derived.WBytes);
    }
}
