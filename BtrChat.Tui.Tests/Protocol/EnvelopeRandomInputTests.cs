using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class EnvelopeRandomInputTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void TryDecode_RandomBytes_NeverThrowsAndAcceptsOnlyWhatTheEncoderWrites()
    {
        var random = new Random(20_260_101);
        var reasons = new HashSet<EnvelopeFailure>();
        int accepted = 0;

        for (int i = 0; i < Iterations; i++)
        {
            byte[] bytes = Generate(random);

            if (EnvelopeCodec.TryDecode(bytes, out Envelope? envelope, out EnvelopeFailure failure))
            {
                accepted++;
                Assert.Equal(EnvelopeFailure.None, failure);
                Assert.Equal(bytes, EnvelopeCodec.Encode(envelope));
            }
            else
            {
                Assert.Null(envelope);
                Assert.NotEqual(EnvelopeFailure.None, failure);
                reasons.Add(failure);
            }
        }

        // Without these the generator could drift into testing only the first check or two.
        Assert.InRange(accepted, 100, Iterations - 1000);
        Assert.Equal(10, reasons.Count);
    }

    [Fact]
    public void TryDecode_EverySingleByteChangeOfAValidFrame_FailsOrGivesAnotherEnvelope()
    {
        foreach ((string name, Envelope original, string hex) in EnvelopeVectors.All)
        {
            byte[] frame = Convert.FromHexString(hex);
            for (int index = 0; index < frame.Length; index++)
            {
                foreach (byte flip in (byte[])[0x01, 0x02, 0x10, 0x80, 0xff])
                {
                    byte[] mutated = (byte[])frame.Clone();
                    mutated[index] ^= flip;

                    if (EnvelopeCodec.TryDecode(mutated, out Envelope? decoded, out _))
                    {
                        Assert.False(original.Equals(decoded), $"{name}: byte {index} ^ 0x{flip:x2} decoded to the same envelope");
                        Assert.Equal(mutated, EnvelopeCodec.Encode(decoded));
                    }
                }
            }
        }
    }

    [Fact]
    public void TryDecode_EveryTruncationAndExtensionOfAValidFrame_Fails()
    {
        foreach ((string name, _, string hex) in EnvelopeVectors.All)
        {
            byte[] frame = Convert.FromHexString(hex);
            for (int length = 0; length < frame.Length; length++)
            {
                Assert.False(EnvelopeCodec.TryDecode(frame.AsSpan(0, length), out _, out _), $"{name} cut to {length}");
            }

            Assert.False(EnvelopeCodec.TryDecode([.. frame, 0], out _, out _), $"{name} with a zero appended");
            Assert.False(EnvelopeCodec.TryDecode([.. frame, .. new byte[frame.Length]], out _, out _), $"{name} doubled with zeros");
        }
    }

    /// <summary>
    /// Mostly random bytes of random length, but a share of them start from a valid frame or a plausible header,
    /// so that the deeper checks see random input too.
    /// </summary>
    private static byte[] Generate(Random random) => random.Next(10) switch
    {
        < 3 => AnyBytes(random, random.Next(100) == 0 ? random.Next(262_000, 300_000) : random.Next(1100)),
        < 5 => PlausibleHeader(random),
        _ => DamagedFrame(random),
    };

    /// <summary>A bucket-sized frame with a version, kind and role near the valid ones and a payload length under 256.</summary>
    private static byte[] PlausibleHeader(Random random)
    {
        byte[] bytes = AnyBytes(random, 64 << random.Next(5));
        bytes[0] = 1;
        bytes[1] = (byte)random.Next(0, 6);
        bytes[2] = (byte)random.Next(0x40, 0x44);
        bytes[43] = bytes[44] = bytes[45] = 0;
        return bytes;
    }

    /// <summary>A valid frame with up to three bytes overwritten; a quarter are left intact.</summary>
    private static byte[] DamagedFrame(Random random)
    {
        byte[] bytes = EnvelopeCodec.Encode(RandomEnvelope(random));
        for (int changes = random.Next(0, 4); changes > 0; changes--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static Envelope RandomEnvelope(Random random)
    {
        var sender = new SessionId(NonZeroFirstByte(random, 16));
        var recipient = new SessionId(NonZeroFirstByte(random, 16));
        PeerRole role = random.Next(2) == 0 ? PeerRole.A : PeerRole.B;
        ulong sequence = (ulong)random.NextInt64(1, 5);
        return random.Next(4) switch
        {
            0 => Envelope.Hello(role, sender, [0x04, .. AnyBytes(random, 64)]),
            1 => Envelope.Confirm(role, sender, recipient, AnyBytes(random, 32)),
            2 => Envelope.Data(role, sender, recipient, sequence, Guid.NewGuid(), new string('a', random.Next(0, 200))),
            _ => Envelope.Receipt(role, sender, recipient, sequence, (ulong)random.NextInt64(1, long.MaxValue)),
        };
    }

    private static byte[] AnyBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] NonZeroFirstByte(Random random, int count)
    {
        byte[] bytes = AnyBytes(random, count);
        bytes[0] |= 1;
        return bytes;
    }
}
