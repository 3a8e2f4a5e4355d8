/**
 * The vision thread: {@link io.motam.camera.pipeline.CameraLoop} opens the source, samples frames
 * ({@link io.motam.camera.pipeline.FrameSampler}) and runs the phases (pairing scan,
 * {@link io.motam.camera.pipeline.Enrolment}, {@link io.motam.camera.pipeline.Watch}); the objects
 * are built from the configuration by {@link io.motam.camera.pipeline.VisionFactory}. Failures are
 * logged once and never crash-loop. See docs/camera.md.
 */
package io.motam.camera.pipeline;
