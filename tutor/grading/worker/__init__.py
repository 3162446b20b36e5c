"""The warm worker: trusted code in a confined process that forks one child per job.

Nothing here runs learner or lesson code; :mod:`tutor.grading.child` is what runs
inside each child, after :meth:`tutor.grading.worker.serve.Worker.confine_child` has set
up its layers. The worker sees only the allow-list root built by
:mod:`tutor.grading.worker.rootfs`.
"""
