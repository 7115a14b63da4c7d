using System.Buffers;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// Writes a link's outgoing frames on its own thread, in order, so that Send never blocks on the socket: two parties
/// that send each other large messages at once cannot deadlock on full socket buffers. Small frames queued together are
/// coalesced into one write (one TLS record) to keep per-round latency low; large frames are written straight from
/// their pooled buffer.
/// </summary>
internal sealed class FrameWriter
{
    private const int CoalesceLimit = 16 * 1024;
    private static int _liveThreads;

    private readonly Stream _stream;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private readonly byte[] _coalesce = new byte[64 * 1024];
    private List<Outgoing> _pending = [];
    private List<Outgoing> _spare = [];
    private bool _completed;
    private Exception? _failure;

    public FrameWriter(Stream stream, string name)
    {
        _stream = stream;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        Interlocked.Increment(ref _liveThreads);
        _thread.Start();
    }

    /// <summary>Writer threads of all links in this process that have not ended (for leak tests).</summary>
    internal static int LiveThreads => Volatile.Read(ref _liveThreads);

    /// <summary>Why writing failed, once it has.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>Queues a pooled buffer whose first <paramref name="length"/> bytes are one or more frames; the writer returns it to the pool. False if the writer has stopped.</summary>
    public bool Enqueue(byte[] pooledBuffer, int length)
    {
        lock (_gate)
        {
            if (_failure is null && !_completed)
            {
                _pending.Add(new Outgoing(pooledBuffer, length));
                Monitor.Pulse(_gate);
                return true;
            }
        }

        ArrayPool<byte>.Shared.Return(pooledBuffer);
        return false;
    }

    /// <summary>Stops taking frames and waits for the queued ones to be written; false if that took longer than <paramref name="timeout"/>.</summary>
    public bool Complete(TimeSpan timeout)
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.Pulse(_gate);
        }

        return _thread.Join(timeout);
    }

    /// <summary>Waits for the thread to end after the stream was closed under it.</summary>
    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    private void Run()
    {
        try
        {
            while (true)
            {
                List<Outgoing> batch;
                lock (_gate)
                {
                    while (_pending.Count == 0 && !_completed)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_pending.Count == 0)
                    {
                        return;
                    }

                    (batch, _pending) = (_pending, _spare);
                }

                try
                {
                    Write(batch);
                }
                catch (Exception e)
                {
                    lock (_gate)
                    {
                        _failure = e;
                        ReturnAll(_pending);
                    }

                    return;
                }
                finally
                {
                    ReturnAll(batch);
                    _spare = batch;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _liveThreads);
        }
    }

    private void Write(List<Outgoing> batch)
    {
        var used = 0;
        foreach (var frame in batch)
        {
            if (frame.Length <= CoalesceLimit)
            {
                if (used + frame.Length > _coalesce.Length)
                {
                    _stream.Write(_coalesce, 0, used);
                    used = 0;
                }

                frame.Buffer.AsSpan(0, frame.Length).CopyTo(_coalesce.AsSpan(used));
                used += frame.Length;
                continue;
            }

            if (used > 0)
            {
                _stream.Write(_coalesce, 0, used);
                used = 0;
            }

            _stream.Write(frame.Buffer, 0, frame.Length);
        }

        if (used > 0)
        {
            _stream.Write(_coalesce, 0, used);
        }

        _stream.Flush();
    }

    private static void ReturnAll(List<Outgoing> frames)
    {
        foreach (var frame in frames)
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
        }

        frames.Clear();
    }

    private readonly record struct Outgoing(byte[] Buffer, int Length);
}
