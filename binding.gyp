{
  "targets": [
    {
      "target_name": "hrm_tensor",
      "sources": [
        "native/addon.c",
        "native/entry_linear.c",
        "native/entry_layers.c",
        "native/entry_losses.c",
        "native/args.c",
        "native/pool.c",
        "native/gemm.c",
        "native/rows.c",
        "native/rope.c",
        "native/attention.c",
        "native/mlp.c",
        "native/embedding.c",
        "native/losses.c",
        "native/optim.c",
        "native/bf16.c"
      ],
      "cflags!": ["-O2", "-O0"],
      "cflags": [
        "-std=gnu11",
        "-O3",
        "-fno-math-errno",
        "-fno-trapping-math",
        "-fopenmp-simd",
        "-pthread",
        "-Wall",
        "-Wextra",
        "-Wno-unused-parameter"
      ],
      "libraries": ["-lopenblas", "-lpthread", "-lm"]
    }
  ]
}
