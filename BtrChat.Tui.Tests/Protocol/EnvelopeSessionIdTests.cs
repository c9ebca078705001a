using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class EnvelopeSessionIdTests
{
    [Fact]
    public void NewRandom_ManyTimes_IsNeverZeroAndNeverRepeats()
    {
        var seen = new HashSet<SessionId>();
        for (int i = 0; i < 1000; i++)
        {
            var id = SessionId.NewRandom();

            Assert.False(id.IsZero);
            Assert.True(seen.Add(id));
        }
    }

    [Fact]
    public void ToArray_BytesPassedIn_GivesThemBackInOrder()
    {
        byte[] bytes = EnvelopeVectors.Bytes(0xf0, 16);

        Assert.Equal(bytes, new SessionId(bytes).ToArray());
    }

    [Fact]
    public void CopyTo_LargerDestination_WritesOnlyTheFirstSixteenBytes()
    {
        byte[] destination = new byte[20];

        EnvelopeVectors.SessionB.CopyTo(destination);

        Assert.Equal([.. EnvelopeVectors.Bytes(0x10, 16), 0, 0, 0, 0], destination);
    }

    [Fact]
    public void CopyTo_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => EnvelopeVectors.SessionA.CopyTo(new byte[15]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void Constructor_WrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => new SessionId(new byte[length]));
    }

    [Fact]
    public void ToString_AnyId_IsItsFirstEightHexDigits()
    {
        Assert.Equal("00010203", EnvelopeVectors.SessionA.ToString());
        Assert.Equal("fedcba98", new SessionId([0xfe, 0xdc, 0xba, 0x98, .. new byte[12]]).ToString());
        Assert.Equal("00000000", SessionId.Zero.ToString());
    }

    [Fact]
    public void Equality_SameBytes_IsEqualAndDifferentLastByte_IsNot()
    {
        byte[] bytes = EnvelopeVectors.Bytes(0x00, 16);
        byte[] other = EnvelopeVectors.Bytes(0x00, 16);
        other[15] ^= 1;

        Assert.Equal(new SessionId(bytes), new SessionId(bytes));
        Assert.True(new SessionId(bytes) == EnvelopeVectors.SessionA);
        Assert.NotEqual(new SessionId(bytes), new SessionId(other));
    }

    [Fact]
    public void Zero_IsDefaultAndTheOnlyZero()
    {
        Assert.Equal(default, SessionId.Zero);
        Assert.True(SessionId.Zero.IsZero);
        Assert.Equal(new byte[16], SessionId.Zero.ToArray());
        Assert.False(new SessionId([.. new byte[15], 1]).IsZero);
        Assert.False(new SessionId([1, .. new byte[15]]).IsZero);
    }
}
