/**
 * Frame sources: {@link io.motam.camera.vision.source.FrameSources#open} turns a
 * {@code motam.camera.source} value ({@link io.motam.camera.vision.source.FrameSourceSpec}) into a
 * {@link io.motam.camera.vision.source.FrameSource}: a camera device, a video file, a folder of
 * stills, a network stream, the output of a command (Raspberry Pi camera tools) or a playlist of
 * these. Each yields {@link io.motam.camera.vision.source.CapturedFrame}s (a BGR {@code Mat} owned
 * by the caller, a media time in µs, an origin) and fails with a
 * {@link io.motam.camera.vision.source.FrameSourceException} naming the input. See docs/camera.md.
 */
package io.motam.camera.vision.source;
