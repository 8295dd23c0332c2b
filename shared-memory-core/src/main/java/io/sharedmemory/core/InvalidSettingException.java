package io.sharedmemory.core;

/**
 * A setting of {@link SharedMemorySettings} is out of its range. {@link #getSetting()} names the
 * setting as the builder does ({@code requestTimeout}, {@code maxFrameSize},
 * {@code maxPendingMessages}, {@code subscriberHardLimit}, {@code subscriberSoftLimit},
 * {@code subscriberSoftDuration}, {@code persistenceMode}, {@code persistenceDirectory},
 * {@code snapshotInterval}, {@code fsync}), so that a container can report the property behind it.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    private final transient Object value;

    private final String reason;

    /**
     * Creates an exception.
     * @param setting the builder's name of the setting
     * @param value the value refused
     * @param reason what the value must be
     */
    public InvalidSettingException(String setting, Object value, String reason) {
        super(setting + " " + reason + ": " + value);
        this.setting = setting;
        this.value = value;
        this.reason = reason;
    }

    /**
     * The setting refused.
     * @return the builder's name of it, such as {@code requestTimeout}
     */
    public String getSetting() {
        return this.setting;
    }

    /**
     * The value refused.
     * @return the value, possibly {@code null}
     */
    public Object getValue() {
        return this.value;
    }

    /**
     * What the value must be.
     * @return a phrase such as {@code must be positive}
     */
    public String getReason() {
        return this.reason;
    }
}
