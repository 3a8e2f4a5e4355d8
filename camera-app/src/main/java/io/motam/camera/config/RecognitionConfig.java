package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code motam.recognition.*}: detection, enrolment and the known/unknown decision. */
@ConfigMapping(prefix = "motam.recognition")
public interface RecognitionConfig {

    /** Face cascade: {@code lbp} (fast, default) or {@code haar}. */
    @WithDefault("lbp")
    String cascade();

    /** Smallest face searched for, in pixels (at the detector's working width of 640). */
    @WithDefault("48")
    int minFaceSize();

    /** One-face samples taken at every start before recognition begins. */
    @WithDefault("50")
    int enrolSamples();

    /** Minimum media time between two enrolment samples, so that they differ. */
    @WithDefault("200ms")
    Duration enrolInterval();

    /**
     * LBPH distance above which a face is unknown. When absent it is calibrated from the
     * enrolment samples (see docs/architecture.md).
     */
    Optional<Double> threshold();

    /** Known faces gathered before they are added to the model in one update (as the original retrained every 10). */
    @WithDefault("10")
    int reinforceEvery();

    /** Most samples the model keeps; beyond it the oldest are dropped, so memory and time stay flat. */
    @WithDefault("200")
    int maxSamples();
}
