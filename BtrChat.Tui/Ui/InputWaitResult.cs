namespace BtrChat.Ui;

/// <summary>Why <see cref="InputWaiter.Wait"/> returned.</summary>
internal enum InputWaitResult
{
    /// <summary>The terminal has bytes to read.</summary>
    InputReady,

    /// <summary>Another thread called <see cref="InputWaiter.Wake"/>, or a signal interrupted the wait.</summary>
    Woken,

    /// <summary>The terminal hung up or closed; it is not watched any more.</summary>
    Ended,
}
