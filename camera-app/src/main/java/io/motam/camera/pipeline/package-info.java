/**
 * The vision thread: {@link io.motam.camera.pipeline.CameraLoop} starts and stops it;
 * {@link io.motam.camera.pipeline.VisionFactory} builds the {@link io.motam.camera.pipeline.Pipeline}
 * once from the settings (pairing scan, {@link io.motam.camera.pipeline.Enrolment},
 * {@link io.motam.camera.pipeline.Watch}, phases in {@link io.motam.camera.pipeline.PipelinePhase});
 * {@link io.motam.camera.pipeline.ModelRestore} loads the model merged with the enrolment;
 * {@link io.motam.camera.pipeline.SourceSupervisor} opens, paces, samples and reopens the frame
 * source; {@link io.motam.camera.pipeline.VisionStatus} keeps the thread's
 * {@link io.motam.camera.pipeline.VisionState} and progress. Failures are logged once and never
 * crash-loop. See docs/camera.md.
 */
package io.motam.camera.pipeline;
