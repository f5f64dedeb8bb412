"""token scope: "full" tokens open the API, "calendar" tokens only the follow-ups feed

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Tokens made before scopes existed keep opening everything, as they did.
    with op.batch_alter_table("apitoken", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "scope",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="full",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("apitoken", schema=None) as batch_op:
        batch_op.drop_column("scope")
